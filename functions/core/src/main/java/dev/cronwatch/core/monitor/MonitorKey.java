package dev.cronwatch.core.monitor;

/** A monitor's identity: its slug is unique within its organization. Also the FIFO message group. */
public record MonitorKey(String organization, String slug) {
    public MonitorKey {
        if (organization == null || organization.isEmpty()) throw new IllegalArgumentException("organization");
        if (slug == null || slug.isEmpty()) throw new IllegalArgumentException("slug");
    }

    @Override
    public String toString() {
        return organization + "/" + slug;
    }
}
