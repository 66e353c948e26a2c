namespace MeshSecurity.Scenarios.Parsing;

/// <summary>A scenario file that does not parse or validate; <see cref="Errors"/> holds every problem found, in file order.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    public IReadOnlyList<ScenarioError> Errors { get; }
}
