package jp.hokensho.center.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import jp.hokensho.contract.types.EligibilityAnswer;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/** Counts answered verifications by result code and source, as they leave the center. */
public final class VerificationMetrics extends AbstractPhaseInterceptor<Message> {
    private final MeterRegistry meters;

    public VerificationMetrics(MeterRegistry meters) {
        super(Phase.PRE_LOGICAL);
        this.meters = meters;
    }

    @Override
    public void handleMessage(Message message) {
        List<?> contents = message.getContent(List.class);
        Object first = contents == null || contents.isEmpty() ? null : contents.get(0);
        // CXF may already have wrapped the answer into its response element (WrapperClassOutInterceptor).
        if (first instanceof jp.hokensho.contract.eligibility.VerifyEligibilityResponse wrapper) {
            first = wrapper.getAnswer();
        }
        if (first instanceof EligibilityAnswer answer) {
            Counter.builder("verifications").tag("result", String.valueOf(answer.getResultCode()))
                    .tag("source", String.valueOf(answer.getSource())).register(meters).increment();
        }
    }
}
