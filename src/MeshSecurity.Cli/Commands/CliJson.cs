using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// Source-generated serialization of what the commands print with --json (snake_case, as report.json). Quotes in messages
/// stay readable ("prefix", not \u0022prefix\u0022): the output goes to a terminal or a script, never into HTML.
/// </summary>
[JsonSerializable(typeof(ValidationResult))]
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(RunRefusal))]
public sealed partial class CliJson : JsonSerializerContext
{
    public static CliJson Relaxed { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
