using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>
/// The most a lien holder can slash of what it holds: production's max_slash {slash_ratio_dsign, slash_ratio_offline},
/// each from 0 to 1. The vault reserves <see cref="Max"/> of each lien: production reads the double-sign ratio only,
/// which is the larger in every configuration it ships, so the two agree there, and a downtime ratio above the
/// double-sign one is still covered.
/// </summary>
public sealed record SlashRatio(Dec DoubleSign, Dec Downtime)
{
    public static readonly SlashRatio None = new(Dec.Zero, Dec.Zero);

    public Dec Max => DoubleSign >= Downtime ? DoubleSign : Downtime;

    public bool IsValid => DoubleSign <= Dec.One && Downtime <= Dec.One;

    public override string ToString() => $"double-sign {DoubleSign}, downtime {Downtime}";
}
