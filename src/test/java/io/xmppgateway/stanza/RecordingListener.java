package io.xmppgateway.stanza;

import java.util.ArrayList;
import java.util.List;

/** Collects what a {@link StreamDecoder} reports. */
final class RecordingListener implements StreamDecoder.Listener {

    Element header;
    final List<Element> elements = new ArrayList<>();
    final List<Integer> sizes = new ArrayList<>();
    final List<Element> oversized = new ArrayList<>();
    boolean closed;

    @Override
    public void streamOpened(Element header) {
        this.header = header;
    }

    @Override
    public void element(Element element, int wireBytes) {
        elements.add(element);
        sizes.add(wireBytes);
    }

    @Override
    public void oversized(Element head, int wireBytes) {
        oversized.add(head);
        sizes.add(wireBytes);
    }

    @Override
    public void streamClosed() {
        closed = true;
    }
}
