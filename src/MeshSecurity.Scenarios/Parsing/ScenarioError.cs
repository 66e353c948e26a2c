namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// One problem in a scenario file: where (file, 1-based line and column, key path such as "links[0].exchange-rate")
/// and what was expected. Prints as "file:line:column: key: message". Unprintable characters of the file name, key
/// and message (all may quote the user's text) are escaped (<see cref="Printable"/>).
/// </summary>
public sealed record ScenarioError(string File, int Line, int Column, string Key, string Message)
{
    public string File { get; init; } = Printable.Escape(File);
    public string Key { get; init; } = Printable.Escape(Key);
    public string Message { get; init; } = Printable.Escape(Message);

    public override string ToString() =>
        Key.Length == 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}:{Line}:{Column}: {Key}: {Message}";
}
