using System.Numerics;
using MeshSecurity.Core.Errors;

namespace MeshSecurity.Core.Math;

/// <summary>Exact a·b/d on 128-bit operands with a 256-bit intermediate, as cosmwasm does with Uint256.</summary>
internal static class WideMath
{
    private static readonly UInt128 Limit64 = ulong.MaxValue;

    public static UInt128 MulDivFloor(UInt128 a, UInt128 b, UInt128 d, string op)
    {
        if (d == UInt128.Zero) throw new StdError.DivideByZero(a.ToString()).Raise();
        if (a <= Limit64 && b <= Limit64) return a * b / d;  // the product fits in 128 bits
        var q = (ToBig(a) * ToBig(b)) / ToBig(d);
        return FromBig(q, op, a, b);
    }

    public static UInt128 MulDivCeil(UInt128 a, UInt128 b, UInt128 d, string op)
    {
        if (d == UInt128.Zero) throw new StdError.DivideByZero(a.ToString()).Raise();
        if (a <= Limit64 && b <= Limit64)
        {
            var p = a * b;
            var q = p / d;
            return p % d == UInt128.Zero ? q : q + UInt128.One;
        }
        var big = BigInteger.DivRem(ToBig(a) * ToBig(b), ToBig(d), out var rem);
        if (!rem.IsZero) big += 1;
        return FromBig(big, op, a, b);
    }

    private static BigInteger ToBig(UInt128 v) => (BigInteger)v;

    private static UInt128 FromBig(BigInteger v, string op, UInt128 a, UInt128 b)
    {
        if (v > (BigInteger)UInt128.MaxValue) throw new StdError.Overflow(op, a.ToString(), b.ToString()).Raise();
        return (UInt128)v;
    }
}
