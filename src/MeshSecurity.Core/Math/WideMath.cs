using System.Numerics;
using MeshSecurity.Core.Errors;

namespace MeshSecurity.Core.Math;

/// <summary>Exact a·b/d on 128-bit operands with a 256-bit intermediate, as cosmwasm does with Uint256.</summary>
internal static class WideMath
{
    public static UInt128 MulDivFloor(UInt128 a, UInt128 b, UInt128 d, string op)
    {
        if (d == UInt128.Zero) throw new StdError.DivideByZero(a.ToString()).Raise();
        if (ProductFits(a, b)) return a * b / d;
        var q = (ToBig(a) * ToBig(b)) / ToBig(d);
        return FromBig(q, op, a, b);
    }

    public static UInt128 MulDivCeil(UInt128 a, UInt128 b, UInt128 d, string op)
    {
        if (d == UInt128.Zero) throw new StdError.DivideByZero(a.ToString()).Raise();
        if (ProductFits(a, b))
        {
            var p = a * b;
            var q = p / d;
            return p % d == UInt128.Zero ? q : q + UInt128.One;
        }
        var big = BigInteger.DivRem(ToBig(a) * ToBig(b), ToBig(d), out var rem);
        if (!rem.IsZero) big += 1;
        return FromBig(big, op, a, b);
    }

    /// <summary>
    /// True when a * b fits in 128 bits: their bit lengths add up to 128 at most. An amount times a decimal's atomics
    /// (10^18) does, and then no big integer (and its arrays) is made.
    /// </summary>
    private static bool ProductFits(UInt128 a, UInt128 b) =>
        256 - (int)UInt128.LeadingZeroCount(a) - (int)UInt128.LeadingZeroCount(b) <= 128;

    private static BigInteger ToBig(UInt128 v) => (BigInteger)v;

    private static UInt128 FromBig(BigInteger v, string op, UInt128 a, UInt128 b)
    {
        if (v > (BigInteger)UInt128.MaxValue) throw new StdError.Overflow(op, a.ToString(), b.ToString()).Raise();
        return (UInt128)v;
    }
}
