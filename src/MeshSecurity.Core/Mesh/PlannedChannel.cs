using MeshSecurity.Core.Relaying;

namespace MeshSecurity.Core.Mesh;

/// <summary>One channel of a <see cref="LinkPlan"/>: its relayer path's name (e.g. "osmosis-juno/mesh") and what it connects.</summary>
public sealed record PlannedChannel(string Name, ChannelSpec Spec);
