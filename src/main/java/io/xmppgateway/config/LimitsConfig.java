package io.xmppgateway.config;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The size limits of App Engine's XMPP service ({@code gateway.limits.*}). */
@ConfigMapping(prefix = "gateway.limits")
public interface LimitsConfig {

    /** The largest message, in bytes of serialized UTF-8 stanza, sent or received (App Engine: 100 KB). */
    @WithDefault("102400")
    @Min(1)
    int messageBytes();
}
