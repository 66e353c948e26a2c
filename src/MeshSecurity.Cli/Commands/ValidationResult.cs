using System.Text.Json;
using MeshSecurity.Scenarios.Parsing;

namespace MeshSecurity.Cli.Commands;

/// <summary>`meshsec validate --json`: one JSON document on stdout, for scripts (exit codes as without --json).</summary>
public sealed record ValidationResult(string File, bool Ok, int Chains, int Links, int Steps, int Expectations,
    IReadOnlyList<ScenarioError> Errors, string? Problem)
{
    public string ToJson() => JsonSerializer.Serialize(this, CliJson.Relaxed.ValidationResult);
}
