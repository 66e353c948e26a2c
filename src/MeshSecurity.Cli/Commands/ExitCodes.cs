namespace MeshSecurity.Cli.Commands;

/// <summary>meshsec's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Every expectation and invariant held.</summary>
    public const int Ok = 0;

    /// <summary>The run finished, but some expectation or invariant failed (each is named in the output).</summary>
    public const int Failed = 1;

    /// <summary>Bad input or configuration: nothing ran.</summary>
    public const int BadInput = 2;
}
