namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// One problem in a scenario file: where (file, 1-based line and column, key path such as "links[0].exchange-rate")
/// and what was expected. Prints as "file:line:column: key: message".
/// </summary>
public sealed record ScenarioError(string File, int Line, int Column, string Key, string Message)
{
    public override string ToString() =>
        Key.Length == 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}:{Line}:{Column}: {Key}: {Message}";
}
