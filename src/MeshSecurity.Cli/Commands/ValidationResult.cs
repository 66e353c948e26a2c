using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Scenarios.Parsing;

namespace MeshSecurity.Cli.Commands;

/// <summary>`meshsec validate --json`: one JSON document on stdout, for scripts (exit codes as without --json).</summary>
public sealed record ValidationResult(string File, bool Ok, int Chains, int Links, int Steps, int Expectations,
    IReadOnlyList<ScenarioError> Errors, string? Problem)
{
    // quotes in messages stay readable ("prefix", not \u0022prefix\u0022): the output goes to a terminal or a script, never HTML
    private static readonly ValidationJson Relaxed = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public string ToJson() => JsonSerializer.Serialize(this, Relaxed.ValidationResult);
}

/// <summary>Source-generated serialization of <see cref="ValidationResult"/> (snake_case, as report.json).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ValidationResult))]
public sealed partial class ValidationJson : JsonSerializerContext;
