package dev.cronwatch.core.schedule;

/**
 * A schedule written as an expression (a crontab, a systemd calendar): the API shows the normalised
 * expression, and two schedules of one kind are the same when their expressions are.
 */
abstract sealed class ExpressionSchedule implements Schedule permits CrontabSchedule, OnCalendarSchedule {
    private final String expression;

    ExpressionSchedule(String expression) {
        this.expression = expression;
    }

    @Override
    public final Object wireValue() {
        return expression;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((ExpressionSchedule) o).expression.equals(expression);
    }

    @Override
    public final int hashCode() {
        return expression.hashCode();
    }

    @Override
    public final String toString() {
        return expression;
    }
}
