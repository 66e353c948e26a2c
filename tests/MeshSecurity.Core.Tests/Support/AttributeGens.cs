using CsCheck;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.Support;

/// <summary>Generators of typed attribute values of every kind, with the edges (0, the maxima, 1 atomic) drawn often.</summary>
public static class AttributeGens
{
    public static readonly Gen<UInt128> U128 = Gen.OneOf(
        Gen.UInt128, Gen.ULong[0, 1_000_000].Select(x => (UInt128)x), Gen.Const(UInt128.Zero), Gen.Const(UInt128.MaxValue));

    public static readonly Gen<Amount> Amounts = U128.Select(v => new Amount(v));

    public static readonly Gen<Dec> Decs = Gen.OneOf(
        U128.Select(Dec.FromAtomics), Gen.ULong[0, 1000].Select(Dec.Permille), Gen.Const(Dec.One), Gen.Const(Dec.FromAtomics(UInt128.One)));

    public static readonly Gen<string> Denoms = Gen.OneOf(Gen.Const("ujuno"), Gen.Const("uosmo"), Gen.String[Gen.Char['a', 'z'], 1, 12]);

    public static readonly Gen<Coin> Coins1 = Gen.Select(Denoms, Amounts, (d, a) => new Coin(d, a));

    public static readonly Gen<Coins> CoinSets = Coins1.Array[0, 4].Select(cs => Coins.Of(cs.DistinctBy(c => c.Denom)));

    /// <summary>
    /// What an emitter passes, of every kind: text (ASCII, accents, CJK, an emoji), an amount, an unsigned or signed
    /// integer, a bool, a decimal, a coin, coins, bytes. Kept as the source so a test can encode or render it itself.
    /// </summary>
    public static readonly Gen<object> Sources = Gen.OneOf(
        Gen.OneOf(Gen.String[Gen.Char.AlphaNumeric, 0, 20], Gen.Const("juno1validatorß✓€ 漢字 😀")).Select(t => (object)t),
        Amounts.Select(a => (object)a),
        Gen.ULong.Select(u => (object)u),
        Gen.Long.Select(l => (object)l),
        Gen.Bool.Select(b => (object)b),
        Decs.Select(d => (object)d),
        Coins1.Select(c => (object)c),
        CoinSets.Select(c => (object)c),
        Gen.Byte.Array[0, 40].Select(b => (object)b));

    public static AttributeValue ValueOf(object source) => source switch
    {
        string t => t,
        Amount a => a,
        ulong u => u,
        long l => l,
        bool b => b,
        Dec d => d,
        Coin c => c,
        Coins c => c,
        byte[] bytes => AttributeValue.Hex(bytes),
        _ => throw new ArgumentException($"no attribute kind for {source.GetType()}"),
    };
}
