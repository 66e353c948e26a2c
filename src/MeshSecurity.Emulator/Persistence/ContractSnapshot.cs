using System.Text.Json;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>One contract instance in a chain's snapshot: its address, its code and its committed state as JSON.</summary>
public sealed record ContractSnapshot(Addr Address, string CodeId, JsonElement State);
