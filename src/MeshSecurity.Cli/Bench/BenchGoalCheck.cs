namespace MeshSecurity.Cli.Bench;

/// <summary>
/// Where a report stands against one <see cref="BenchGoal"/>: the figure it was judged on and the compared value, or
/// why it could not be judged (<paramref name="Unjudged"/>, e.g. "not measured at this size").
/// </summary>
public sealed record BenchGoalCheck(BenchGoal Goal, BenchResult? Result, double? Value, string? Unjudged)
{
    /// <summary>Null when the goal could not be judged.</summary>
    public bool? Met => Value is { } v ? Goal.AtLeast ? v >= Goal.Target : v < Goal.Target : null;

    public string Status => Met switch { true => "met", false => "not met", null => Unjudged ?? "not measured" };

    /// <summary>The median, and for a scaled goal how it becomes the compared total.</summary>
    public string Standing => Result is null ? ""
        : Value is not { } v ? $"{BenchReport.Format(Result.Median)} {Result.Unit}"
        : Goal.Factor == 1 ? $"{BenchReport.Format(v)} {Goal.Unit}"
        : $"{BenchReport.Format(Result.Median)} {Result.Unit} {Goal.FactorText} = {BenchReport.Format(v)} {Goal.Unit}";
}
