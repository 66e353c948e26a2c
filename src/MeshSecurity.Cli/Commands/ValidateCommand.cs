using System.CommandLine;
using MeshSecurity.Scenarios.Parsing;

namespace MeshSecurity.Cli.Commands;

/// <summary>meshsec validate FILE: parses a scenario and reports every error with its location.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The scenario file (HOCON)." };
        var command = new Command("validate",
            "Checks a scenario file and lists every error with its file, line, column and key.\n\nExample:\n  meshsec validate " +
            "hocon/scenarios/quickstart.conf" + ExitCodes.Help) { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            try
            {
                var scenario = ScenarioFile.Read(path.ToString()).Scenario;
                Console.WriteLine($"{path.Name}: ok ({scenario.Chains.Length} chains, {scenario.Links.Length} links, {scenario.Steps.Length} steps, {scenario.Expectations.Length} expectations)");
                return ExitCodes.Ok;
            }
            catch (ScenarioException ex)
            {
                foreach (var e in ex.Errors) Console.Error.WriteLine(e.ToString());
                return ExitCodes.BadInput;
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"meshsec validate: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
