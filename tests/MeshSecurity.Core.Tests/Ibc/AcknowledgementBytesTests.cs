using System.Text;
using System.Text.Json;
using CsCheck;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Ibc;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>
/// An acknowledgement's bytes are stored and relayed, and a success's are written without a serializer and read without
/// a document (docs/bench.md, session 20): they must be exactly the bytes and readings of the serializer's and document's
/// forms, which these tests keep as the reference.
/// </summary>
public class AcknowledgementBytesTests
{
    private static byte[] ReferenceBytes(Acknowledgement ack) => ack.IsSuccess
        ? JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["result"] = Convert.ToBase64String(ack.Result!) })
        : JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["error"] = ack.Error! });

    private static Acknowledgement ReferenceRead(byte[] bytes)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.String)
                return Acknowledgement.Success(Convert.FromBase64String(r.GetString()!));
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
                return Acknowledgement.Failure(e.GetString()!);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
        }
        return Acknowledgement.Failure("malformed acknowledgement: " + Encoding.UTF8.GetString(bytes));
    }

    // what a reading gives: the acknowledgement, or the exception it raised (none is expected)
    private static object Outcome(Func<byte[], Acknowledgement> read, byte[] bytes)
    {
        try
        {
            return read(bytes);
        }
        catch (Exception ex)
        {
            return ex.GetType();
        }
    }

    [Fact]
    public void A_success_is_written_as_the_serializer_writes_it_and_reads_back() =>
        Gen.Byte.Array[0, 400].SampleSeeded(result =>
        {
            var ack = Acknowledgement.Success(result);
            var bytes = ack.ToBytes();
            Assert.Equal(ReferenceBytes(ack), bytes);
            Assert.Equal(ack, Acknowledgement.FromBytes(bytes));
        }, iter: 2000);

    [Fact]
    public void A_result_whose_base64_has_a_plus_is_escaped_as_the_serializer_escapes_it()
    {
        var ack = Acknowledgement.Success([0xfb, 0xef, 0xff]); // base64 "++//"
        Assert.Equal("{\"result\":\"\\u002B\\u002B//\"}", Encoding.UTF8.GetString(ack.ToBytes()));
        Assert.Equal(ReferenceBytes(ack), ack.ToBytes());
    }

    [Fact]
    public void An_error_is_written_as_the_serializer_writes_it_and_reads_back() =>
        Gen.String.SampleSeeded(error =>
        {
            var ack = Acknowledgement.Failure(error);
            Assert.Equal(ReferenceBytes(ack), ack.ToBytes());
            Assert.Equal(ack, Acknowledgement.FromBytes(ack.ToBytes()));
        }, iter: 500);

    [Theory]
    [InlineData("{\"result\":\"AQ==\"}")]
    [InlineData("  {\"result\" : \"AQ==\"}  ")]
    [InlineData("{\"res\\u0075lt\":\"AQ==\"}")]
    [InlineData("{\"result\":\"AQ= =\"}")]
    [InlineData("{\"result\":\"not base64\"}")]
    [InlineData("{\"result\":\"AQ==\"} x")]
    [InlineData("{\"result\":\"AQ==\",}")]
    [InlineData("{\"result\":\"AQ==\",\"error\":\"e\"}")]
    [InlineData("{\"result\":1,\"error\":\"e\"}")]
    [InlineData("{\"error\":\"e\",\"result\":\"AQ==\"}")]
    [InlineData("{\"result\":\"AQ==\",\"result\":\"Ag==\"}")]
    [InlineData("{\"error\":null}")]
    [InlineData("{\"error\":\"e\"}")]
    [InlineData("{\"other\":\"e\"}")]
    [InlineData("[\"result\"]")]
    [InlineData("\"result\"")]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData("{\"result\":\"AQ==\"")]
    public void Any_envelope_is_read_as_the_document_reads_it(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(ReferenceRead(bytes), Acknowledgement.FromBytes(bytes));
    }

    [Theory]
    [InlineData("error")]
    [InlineData("result")]
    public void A_string_that_is_not_utf8_reads_as_a_malformed_acknowledgement_not_an_exception(string key)
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes($"{{\"{key}\":\"a"), 0xC3, 0x28, .. "\"}"u8];
        var ack = Acknowledgement.FromBytes(bytes);
        Assert.False(ack.IsSuccess);
        Assert.StartsWith("malformed acknowledgement: ", ack.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_are_read_as_the_document_reads_them() =>
        Gen.OneOf(
            Gen.Byte.Array[0, 40],
            Gen.Byte.Array[0, 30].Select(b => Acknowledgement.Success(b).ToBytes()),
            Gen.Select(Gen.Byte.Array[0, 30], Gen.Int[0, 40], Gen.Byte, (b, at, with) =>
            {
                var bytes = Acknowledgement.Success(b).ToBytes();
                bytes[at % bytes.Length] = with;
                return bytes;
            })).SampleSeeded(bytes => Assert.Equal(Outcome(ReferenceRead, bytes), Outcome(Acknowledgement.FromBytes, bytes)), iter: 3000);
}
