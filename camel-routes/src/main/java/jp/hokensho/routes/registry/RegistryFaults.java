package jp.hokensho.routes.registry;

import jp.hokensho.contract.registry.InvalidRequestFault;
import jp.hokensho.contract.registry.NotFoundFault;
import jp.hokensho.contract.types.RequestFault;

/** The CardRegistryService's typed faults (docs/fault-codes.md), with their detail filled in. */
final class RegistryFaults {
    private RegistryFaults() {
    }

    static InvalidRequestFault invalid(String code, String field, String message) {
        return new InvalidRequestFault(field + ": " + message, detail(code, field, message));
    }

    static NotFoundFault notFound(String code, String field, String message) {
        return new NotFoundFault(field + ": " + message, detail(code, field, message));
    }

    private static RequestFault detail(String code, String field, String message) {
        RequestFault info = new RequestFault();
        info.setCode(code);
        info.setField(field);
        info.setMessage(message);
        return info;
    }
}
