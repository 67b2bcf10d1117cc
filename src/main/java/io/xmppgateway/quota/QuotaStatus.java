package io.xmppgateway.quota;

import java.time.ZonedDateTime;
import java.util.OptionalLong;

/**
 * One meter today.
 *
 * @param meter    the meter
 * @param used     how much was used today
 * @param limit    the daily cap, if any
 * @param resetsAt the next midnight in the quota zone
 */
public record QuotaStatus(Meter meter, long used, OptionalLong limit, ZonedDateTime resetsAt) {
}
