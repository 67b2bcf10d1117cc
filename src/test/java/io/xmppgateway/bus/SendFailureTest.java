package io.xmppgateway.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The one outcome table: every send failure's HTTP status, error code, metric tag and whether to retry. */
class SendFailureTest {

    private record Row(int status, String code, String tag, boolean retryable) {
    }

    private static final Map<SendFailure, Row> TABLE = Map.of(
            SendFailure.NOT_CONNECTED, new Row(503, "xmpp_unavailable", "not_connected", true),
            SendFailure.NOT_SENT, new Row(503, "xmpp_unavailable", "not_sent", true),
            SendFailure.QUEUE_FULL, new Row(503, "queue_full", "queue_full", true),
            SendFailure.TIMED_OUT, new Row(504, "send_timeout", "timed_out", true),
            SendFailure.REJECTED, new Row(502, "stanza_rejected", "rejected", false),
            SendFailure.WRITE_FAILED, new Row(503, "xmpp_unavailable", "write_failed", true),
            SendFailure.SHUTTING_DOWN, new Row(503, "xmpp_unavailable", "shutting_down", true));

    @Test
    void everyOutcomeHasItsRow() {
        for (SendFailure failure : SendFailure.values()) {
            assertEquals(TABLE.get(failure), new Row(failure.httpStatus(), failure.errorCode(), failure.metricTag(),
                    failure.retryable()), failure.name());
        }
        assertEquals(TABLE.size(), SendFailure.values().length, "a new outcome needs its row here");
    }

    @Test
    void metricTagsAreDistinctAndNotOkOrOther() {
        List<String> tags = Arrays.stream(SendFailure.values()).map(SendFailure::metricTag).toList();
        assertEquals(tags.size(), tags.stream().distinct().count(), tags.toString());
        assertEquals(List.of(), tags.stream().filter(t -> t.equals("ok") || t.equals("other")).toList());
    }

    @Test
    void noOutcomeIsAnInternalError() {
        assertEquals(Map.of(), Arrays.stream(SendFailure.values())
                .filter(f -> f.httpStatus() < 502 || f.httpStatus() > 504)
                .collect(Collectors.toMap(f -> f, SendFailure::httpStatus)));
    }
}
