using System.Text.Json;
using MeshSecurity.Scenarios.Parsing;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// `meshsec run --json` when the run cannot start (exit code 2): what was wrong as one JSON document on stdout, the
/// scenario's located errors (as `validate --json` lists them) or the one problem with a flag, a file or the journal.
/// </summary>
public sealed record RunRefusal(bool Ok, int ExitCode, string? Problem, IReadOnlyList<ScenarioError> Errors)
{
    public string ToJson() => JsonSerializer.Serialize(this, CliJson.Relaxed.RunRefusal);
}
