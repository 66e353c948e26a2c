namespace MeshSecurity.Scenarios.Parsing;

/// <summary>The first syntax error the scanner met: where, under which key path, and what it expected.</summary>
internal sealed class HoconSyntaxError(SourcePosition at, string path, string message) : Exception(message)
{
    public SourcePosition At { get; } = at;
    public string Path { get; } = path;
}
