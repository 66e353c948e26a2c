namespace MeshSecurity.Core.Relaying;

/// <summary>
/// Which packet relayer.starve withholds: the first sent from <paramref name="From"/> (either chain when null) of
/// <paramref name="Kind"/> (any kind when null; see <see cref="PacketKinds"/>).
/// </summary>
public sealed record StarveSpec(string? From = null, string? Kind = null)
{
    public bool Matches(string source, byte[] data) =>
        (From is null || From == source) && (Kind is null || PacketKinds.Of(data) == Kind);
}
