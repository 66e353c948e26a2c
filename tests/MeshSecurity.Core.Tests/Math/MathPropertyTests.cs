using MeshSecurity.Core.Tests.Support;
using System.Numerics;
using CsCheck;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Tests.ExactMath;

/// <summary>
/// Properties checked against System.Numerics.BigInteger, the exact reference: every floor the fixed-width
/// arithmetic computes must be the exact mathematical floor, and every overflow must be a real one.
/// </summary>
public class MathPropertyTests
{
    private const long Iterations = 5_000;

    private static readonly BigInteger Unit = BigInteger.Pow(10, 18);
    private static readonly BigInteger Max128 = (BigInteger)UInt128.MaxValue;

    /// <summary>Random u64 values, biased so that small values, 0 and 1 and the extremes show up often.</summary>
    private static readonly Gen<ulong> U64 = Gen.OneOf(Gen.ULong, Gen.ULong[0, 1_000_000], Gen.ULong[0, 2], Gen.Const(ulong.MaxValue));

    private static readonly Gen<UInt128> U128 = Gen.OneOf(Gen.UInt128, U64.Select(x => (UInt128)x), Gen.Const(UInt128.MaxValue));

    [Fact]
    public void Dec_multiplication_of_random_u64_atomics_is_the_exact_floor()
    {
        Gen.Select(U64, U64).SampleSeeded((x, y) =>
        {
            var product = Dec.FromAtomics(x) * Dec.FromAtomics(y);
            Assert.Equal((BigInteger)x * y / Unit, (BigInteger)product.Atomics);
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Dec_division_of_random_u64_atomics_is_the_exact_floor()
    {
        Gen.Select(U64, U64.Where(y => y != 0)).SampleSeeded((x, y) =>
        {
            var quotient = Dec.FromAtomics(x) / Dec.FromAtomics(y);
            Assert.Equal((BigInteger)x * Unit / y, (BigInteger)quotient.Atomics);
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Dec_from_ratio_of_random_u64_pairs_is_the_exact_floor()
    {
        Gen.Select(U64, U64.Where(y => y != 0)).SampleSeeded((x, y) =>
        {
            Assert.Equal((BigInteger)x * Unit / y, (BigInteger)Dec.FromRatio(x, y).Atomics);
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Amount_multiply_ratio_of_random_u64_values_is_the_exact_floor()
    {
        Gen.Select(U64, U64, U64.Where(d => d != 0)).SampleSeeded((a, n, d) =>
        {
            var r = ((Amount)a).MultiplyRatio(n, d);
            Assert.Equal((BigInteger)a * n / d, (BigInteger)r.Value);
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Amount_multiply_ratio_of_random_u128_values_is_the_exact_floor_or_a_true_overflow()
    {
        Gen.Select(U128, U128, U128.Where(d => d != UInt128.Zero)).SampleSeeded((a, n, d) =>
        {
            var exact = (BigInteger)a * n / d;
            if (exact > Max128)
            {
                var error = Assert.Throws<MeshException>(() => new Amount(a).MultiplyRatio(new Amount(n), new Amount(d))).Error;
                Assert.IsType<StdError.Overflow>(error);
            }
            else
            {
                Assert.Equal(exact, (BigInteger)new Amount(a).MultiplyRatio(new Amount(n), new Amount(d)).Value);
            }
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Amount_mul_floor_and_mul_ceil_bracket_the_exact_product()
    {
        Gen.Select(U64, U64).SampleSeeded((a, atomics) =>
        {
            var d = Dec.FromAtomics(atomics);
            var floor = BigInteger.DivRem((BigInteger)a * atomics, Unit, out var rem);
            Assert.Equal(floor, (BigInteger)((Amount)a).MulFloor(d).Value);
            Assert.Equal(rem.IsZero ? floor : floor + 1, (BigInteger)((Amount)a).MulCeil(d).Value);
        }, iter: Iterations, threads: 1);
    }

    /// <summary>Operands whose bit lengths add up to 127-129: where the product stops fitting in 128 bits.</summary>
    private static readonly Gen<(UInt128, UInt128)> NearTheProductLimit =
        Gen.Select(Gen.Int[1, 127], Gen.Int[127, 129], U128, U128, (bitsA, sum, x, y) =>
        {
            var bitsB = System.Math.Clamp(sum - bitsA, 1, 128);
            // the top bit set, the rest random: exactly bitsA and bitsB bits long
            var a = (UInt128.One << (bitsA - 1)) | (x & ((UInt128.One << (bitsA - 1)) - 1));
            var b = (UInt128.One << (bitsB - 1)) | (y & ((UInt128.One << (bitsB - 1)) - 1));
            return (a, b);
        });

    [Fact]
    public void Wide_mul_div_is_exact_where_the_product_stops_fitting_in_128_bits()
    {
        Gen.Select(NearTheProductLimit, U128.Where(d => d != UInt128.Zero)).SampleSeeded((ab, d) =>
        {
            var (a, b) = ab;
            var floor = BigInteger.DivRem((BigInteger)a * b, d, out var rem);
            var ceil = rem.IsZero ? floor : floor + 1;
            if (floor > Max128) Assert.Throws<MeshException>(() => WideMath.MulDivFloor(a, b, d, "mul"));
            else Assert.Equal(floor, (BigInteger)WideMath.MulDivFloor(a, b, d, "mul"));
            if (ceil > Max128) Assert.Throws<MeshException>(() => WideMath.MulDivCeil(a, b, d, "mul"));
            else Assert.Equal(ceil, (BigInteger)WideMath.MulDivCeil(a, b, d, "mul"));
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Dec_parse_reads_back_what_it_prints()
    {
        U128.SampleSeeded(atomics =>
        {
            var d = Dec.FromAtomics(atomics);
            Assert.Equal(d, Dec.Parse(d.ToString()));
        }, iter: Iterations, threads: 1);
    }
}
