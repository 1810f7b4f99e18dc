package dev.referent.eval.score;

/** Evaluates the small arithmetic expressions of the scorer's TestCases.README ("2*(2/3)*(2/2)/(2/3+2/2)", ".5599"). */
final class Expression {

    private final String s;
    private int pos;

    private Expression(String s) {
        this.s = s.replace(" ", "");
    }

    static double eval(String expression) {
        Expression e = new Expression(expression);
        double v = e.sum();
        if (e.pos != e.s.length()) {
            throw new IllegalArgumentException("cannot parse '" + expression + "' at " + e.pos);
        }
        return v;
    }

    private double sum() {
        double v = product();
        while (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
            char op = s.charAt(pos++);
            double r = product();
            v = op == '+' ? v + r : v - r;
        }
        return v;
    }

    private double product() {
        double v = atom();
        while (pos < s.length() && (s.charAt(pos) == '*' || s.charAt(pos) == '/')) {
            char op = s.charAt(pos++);
            double r = atom();
            v = op == '*' ? v * r : v / r;
        }
        return v;
    }

    private double atom() {
        if (s.charAt(pos) == '(') {
            pos++;
            double v = sum();
            pos++; // ')'
            return v;
        }
        int start = pos;
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
            pos++;
        }
        return Double.parseDouble(s.substring(start, pos));
    }
}
