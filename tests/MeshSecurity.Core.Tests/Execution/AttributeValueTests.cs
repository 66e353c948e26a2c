using System.Globalization;
using System.Text.Json;
using CsCheck;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.Execution;

/// <summary>
/// Typed attribute values must read exactly as the strings emitters used to build: events.jsonl, reports, journals and
/// golden files show the text, so a typed amount, height or coin set that rendered differently would change them.
/// </summary>
public class AttributeValueTests
{
    /// <summary>The text each emitter built before values were typed (amount.ToString(), height.ToString(Invariant), ...).</summary>
    private static string OldText(object source) => source switch
    {
        string t => t,
        Amount a => a.ToString(),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Dec d => d.ToString(),
        Coin c => c.ToString(),
        Coins c => c.ToString(),
        byte[] bytes => Convert.ToHexStringLower(bytes),
        _ => throw new ArgumentException(source.GetType().ToString()),
    };

    [Fact]
    public void Every_kind_renders_the_text_its_emitter_used_to_write()
    {
        AttributeGens.Sources.SampleSeeded(source =>
        {
            var value = AttributeGens.ValueOf(source);
            Assert.Equal(OldText(source), value.ToString());
            var e = new Event("wasm", ("k", value));
            Assert.Equal(OldText(source), e.Get("k"));
            Assert.Equal($"wasm{{k={OldText(source)}}}", e.ToString());
        }, iter: 2000);
    }

    [Fact]
    public void Known_values_render_as_Tendermint_writes_them()
    {
        Assert.Equal("340282366920938463463374607431768211455", ((AttributeValue)new Amount(UInt128.MaxValue)).ToString());
        Assert.Equal("0.000000000000000001", ((AttributeValue)Dec.FromAtomics(UInt128.One)).ToString());
        Assert.Equal("0.1", ((AttributeValue)Dec.Permille(100)).ToString());
        var coins = Coins.Of(new Coin("uosmo", new Amount(7)), new Coin("ujuno", new Amount(5)));
        Assert.Equal("5ujuno,7uosmo", ((AttributeValue)coins).ToString());
        Assert.Equal("", ((AttributeValue)Coins.Empty).ToString());
        Assert.Equal("-3", ((AttributeValue)(-3L)).ToString());
        Assert.Equal("00ff", AttributeValue.Hex([0x00, 0xff]).ToString());
        Assert.Equal("", default(AttributeValue).ToString());
    }

    [Fact]
    public void A_value_read_back_from_JSON_is_its_text_and_equals_the_typed_value_it_was_written_from()
    {
        AttributeGens.Sources.SampleSeeded(source =>
        {
            var typed = AttributeGens.ValueOf(source);
            var attribute = new EventAttribute("k", typed);
            var json = JsonSerializer.Serialize(attribute);
            Assert.Equal(JsonSerializer.Serialize(new { Key = "k", Value = OldText(source) }), json);
            var back = JsonSerializer.Deserialize<EventAttribute>(json);
            Assert.Equal(AttributeKind.Text, back.Value.Kind);
            Assert.Equal(attribute, back);
            Assert.Equal(typed.GetHashCode(), back.Value.GetHashCode());
        }, iter: 1000);
    }

    [Fact]
    public void Readers_get_the_typed_value_from_a_typed_attribute_and_from_its_text()
    {
        Gen.Select(AttributeGens.Amounts, AttributeGens.Decs, Gen.ULong, Gen.Byte.Array[0, 40]).SampleSeeded(t =>
        {
            var (amount, dec, height, bytes) = t;
            foreach (var v in new[] { (AttributeValue)amount, AttributeValue.Text(amount.ToString()) }) Assert.Equal(amount, v.AsAmount());
            foreach (var v in new[] { (AttributeValue)dec, AttributeValue.Text(dec.ToString()) }) Assert.Equal(dec, v.AsDec());
            foreach (var v in new[] { (AttributeValue)height, AttributeValue.Text(height.ToString(CultureInfo.InvariantCulture)) })
                Assert.Equal(height, v.AsUnsigned());
            Assert.Same(bytes, AttributeValue.Hex(bytes).AsBytes());
            Assert.Equal(bytes, AttributeValue.Text(Convert.ToHexStringLower(bytes)).AsBytes());
        }, iter: 500);
    }

    [Fact]
    public void Values_of_different_text_differ_whatever_their_kinds()
    {
        Gen.Select(AttributeGens.Sources, AttributeGens.Sources).SampleSeeded((a, b) =>
        {
            var (x, y) = (AttributeGens.ValueOf(a), AttributeGens.ValueOf(b));
            Assert.Equal(OldText(a) == OldText(b), x == y);
        }, iter: 2000);
    }
}
