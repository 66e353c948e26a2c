using MeshSecurity.Emulator.Chains;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>The first record of a chain's journal: its genesis.</summary>
public sealed record ChainStarted(ChainDefinition Definition) : IJournalRecord;
