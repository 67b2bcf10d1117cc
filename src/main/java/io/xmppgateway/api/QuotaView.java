package io.xmppgateway.api;

import java.util.List;

/**
 * {@code GET /v1/quota}.
 *
 * @param quotas one row per meter
 */
public record QuotaView(List<Row> quotas) {

    /**
     * @param name     the meter: {@code api-calls}, {@code data-sent-bytes}, {@code recipients-messaged},
     *                 {@code invitations}
     * @param used     used today
     * @param limit    the daily cap, {@code null} when only metered
     * @param resetsAt when the day ends (ISO-8601)
     */
    public record Row(String name, long used, Long limit, String resetsAt) {
    }
}
