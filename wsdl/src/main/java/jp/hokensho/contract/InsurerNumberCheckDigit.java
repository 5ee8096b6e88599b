package jp.hokensho.contract;

/**
 * The insurer-number (保険者番号) check digit: the digits before the last are multiplied alternately by 2
 * and 1 starting from the right with 2, the digits of each product are added, and the check digit is
 * (10 - last digit of the sum) mod 10. Applied when an insurer that requires it registers cards, never
 * as a reason to refuse a query (test numbers such as 00000001 do not pass it).
 */
public final class InsurerNumberCheckDigit {
    private InsurerNumberCheckDigit() {
    }

    public static boolean isValid(String insurerNumber) {
        if (insurerNumber == null || !insurerNumber.matches("\\d{6}|\\d{8}")) {
            return false;
        }
        int last = insurerNumber.length() - 1;
        return expected(insurerNumber.substring(0, last)) == insurerNumber.charAt(last) - '0';
    }

    static int expected(String body) {
        int sum = 0;
        int weight = 2;
        for (int i = body.length() - 1; i >= 0; i--) {
            int product = (body.charAt(i) - '0') * weight;
            sum += product / 10 + product % 10;
            weight = weight == 2 ? 1 : 2;
        }
        return (10 - sum % 10) % 10;
    }
}
