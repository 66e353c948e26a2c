namespace MeshSecurity.Cli.Commands;

/// <summary>meshsec's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Every expectation and invariant held.</summary>
    public const int Ok = 0;

    /// <summary>The run finished, but some expectation or invariant failed (each is named in the output).</summary>
    public const int Failed = 1;

    /// <summary>Bad input or configuration (a scenario, a flag, a file, a journal): nothing ran, or the run stopped at once.</summary>
    public const int BadInput = 2;

    /// <summary>An unexpected error inside meshsec (a bug): one line on the console, the trace in the log it names.</summary>
    public const int InternalError = 3;

    /// <summary>What every verb's help says about its exit codes.</summary>
    public const string Help =
        "\n\nExit codes: 0 every expectation and invariant held (or: done), 1 some expectation or invariant failed,\n" +
        "2 bad input (scenario, flag, file, journal), 3 internal error (the log named says more), 130 interrupted.";

    /// <summary>Stopped by Ctrl-C (SIGINT), as shells report it.</summary>
    public const int Interrupted = 130;
}
