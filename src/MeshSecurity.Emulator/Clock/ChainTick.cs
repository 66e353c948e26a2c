using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Clock;

/// <summary>The clock tells a chain that its block time has come. Answer: <see cref="StepDone"/>.</summary>
public sealed record ChainTick(string ChainId, ulong Step, Timestamp Now) : IWithChainId;
