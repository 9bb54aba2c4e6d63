package dev.embargo.platform.problem;

/** Thrown by resources and domain code to answer with a specific problem. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound() {
        return new ProblemException(
                Problem.of("not-found", 404, "Not found", "No such resource, or you may not see it."));
    }

    public static ProblemException conflict(String kind, String detail) {
        return new ProblemException(Problem.of(kind, 409, "Conflict", detail));
    }

    public static ProblemException badRequest(String kind, String detail) {
        return new ProblemException(Problem.of(kind, 400, "Bad request", detail));
    }

    public static ProblemException forbidden(String kind, String detail) {
        return new ProblemException(Problem.of(kind, 403, "Forbidden", detail));
    }
}
