using System.CommandLine;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// The --seed option of run, shrink, gen and soak. An empty seed is refused as a scenario's `seed = ""` is
/// (docs/scenarios.md, "scenario"): it is almost always a shell variable that was not set (`--seed "$SEED"`).
/// </summary>
public static class SeedOption
{
    public static Option<string?> Create(string description, string? defaultValue = null)
    {
        var option = new Option<string?>("--seed") { Description = description };
        if (defaultValue is not null) option.DefaultValueFactory = _ => defaultValue;
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[^1].Value))
                result.AddError("--seed must not be empty (leave it out for the default)");
        });
        return option;
    }
}
