namespace MeshSecurity.Emulator.Protocol;

/// <summary>Marks every message that may cross a node boundary (bound to the mesh serializer in a cluster).</summary>
public interface IMeshProtocolMember;
