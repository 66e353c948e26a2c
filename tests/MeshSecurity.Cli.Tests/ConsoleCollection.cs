namespace MeshSecurity.Cli.Tests;

/// <summary>Tests that redirect the process's console run one at a time.</summary>
[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;
