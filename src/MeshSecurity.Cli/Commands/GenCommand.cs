using System.CommandLine;

namespace MeshSecurity.Cli.Commands;

/// <summary>meshsec gen: writes a larger scenario for a topology (see Scenarios/Generation).</summary>
public static class GenCommand
{
    public static Command Create()
    {
        var command = new Command("gen", "Writes a scenario for a topology: ring, star, full-mesh or random, over N chains, from a seed.");
        command.SetAction(_ => ExitCodes.BadInput);
        return command;
    }
}
