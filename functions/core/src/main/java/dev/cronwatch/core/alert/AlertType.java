package dev.cronwatch.core.alert;

public enum AlertType {
    OPENED("incident.opened"), RESOLVED("incident.resolved");

    private final String wireName;

    AlertType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
