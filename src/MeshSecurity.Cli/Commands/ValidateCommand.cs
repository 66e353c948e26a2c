using System.CommandLine;
using MeshSecurity.Scenarios.Parsing;

namespace MeshSecurity.Cli.Commands;

/// <summary>meshsec validate FILE: parses a scenario and reports every error with its location.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The scenario file (HOCON)." };
        var json = new Option<bool>("--json")
        {
            Description = "Prints one JSON document on stdout (file, ok, counts, errors with their locations).",
        };
        var command = new Command("validate",
            "Checks a scenario file and lists every error with its file, line, column and key.\n\nExamples:\n  meshsec validate " +
            "hocon/scenarios/quickstart.conf\n  meshsec validate my.conf --json" + ExitCodes.Help) { file, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!.ToString();
            var result = Validate(path);
            if (parse.GetValue(json)) Console.WriteLine(result.ToJson());
            else if (result.Ok)
                Console.WriteLine($"{Path.GetFileName(path)}: ok ({result.Chains} chains, {result.Links} links, {result.Steps} steps, " +
                                  $"{result.Expectations} expectations)");
            else if (result.Problem is { } problem) Console.Error.WriteLine($"meshsec validate: {problem}");
            else foreach (var e in result.Errors) Console.Error.WriteLine(e.ToString());
            return result.Ok ? ExitCodes.Ok : ExitCodes.BadInput;
        });
        return command;
    }

    private static ValidationResult Validate(string path)
    {
        try
        {
            var s = ScenarioFile.Read(path).Scenario;
            return new ValidationResult(path, true, s.Chains.Length, s.Links.Length, s.Steps.Length, s.Expectations.Length, [], null);
        }
        catch (ScenarioException ex)
        {
            return new ValidationResult(path, false, 0, 0, 0, 0, ex.Errors, null);
        }
        catch (IOException ex)
        {
            return new ValidationResult(path, false, 0, 0, 0, 0, [], ex.Message);
        }
    }
}
