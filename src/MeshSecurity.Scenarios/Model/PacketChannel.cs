namespace MeshSecurity.Scenarios.Model;

/// <summary>The two channels of a link: the mesh channel (provider and consumer contracts) and the ICS-20 channel rewards travel on.</summary>
public enum PacketChannel
{
    Mesh,
    Transfer,
}
