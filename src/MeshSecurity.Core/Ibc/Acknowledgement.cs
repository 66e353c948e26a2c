using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// The standard acknowledgement envelope (ibc-go / cosmwasm StdAck): <c>{"result":"&lt;base64&gt;"}</c> on success,
/// <c>{"error":"..."}</c> on failure. The bytes are what the destination writes and the source receives.
/// </summary>
public sealed record Acknowledgement
{
    private Acknowledgement(byte[]? result, string? error)
    {
        Result = result;
        Error = error;
    }

    public byte[]? Result { get; }
    public string? Error { get; }
    public bool IsSuccess => Error is null;

    public static Acknowledgement Success(byte[] result) => new(result, null);

    public static Acknowledgement Success(object payload) => new(JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), Wire.Options), null);

    public static Acknowledgement Failure(string error) => new(null, error);

    /// <remarks>
    /// The bytes <c>JsonSerializer</c> writes for a one-entry <c>Dictionary&lt;string, string&gt;</c>: a success is written
    /// straight into its array (base64 escapes nothing but '+', as <c>\u002B</c> under the default encoder), with no
    /// dictionary, base64 string or buffer per packet (pinned by AcknowledgementBytesTests).
    /// </remarks>
    public byte[] ToBytes() => IsSuccess
        ? SuccessBytes(Result!)
        : JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["error"] = Error! });

    private static ReadOnlySpan<byte> ResultOpen => "{\"result\":\""u8;
    private static ReadOnlySpan<byte> Close => "\"}"u8;
    private static ReadOnlySpan<byte> EscapedPlus => "\\u002B"u8;

    private static byte[] SuccessBytes(byte[] result)
    {
        var max = Base64.GetMaxEncodedToUtf8Length(result.Length);
        byte[]? rented = null;
        Span<byte> b64 = max <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(max));
        Base64.EncodeToUtf8(result, b64, out _, out var written);
        b64 = b64[..written];
        var bytes = new byte[ResultOpen.Length + written + 5 * b64.Count((byte)'+') + Close.Length];
        ResultOpen.CopyTo(bytes);
        var at = ResultOpen.Length;
        foreach (var b in b64)
        {
            if (b == (byte)'+')
            {
                EscapedPlus.CopyTo(bytes.AsSpan(at));
                at += EscapedPlus.Length;
            }
            else bytes[at++] = b;
        }
        Close.CopyTo(bytes.AsSpan(at));
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        return bytes;
    }

    /// <summary>Decodes an ack envelope; anything that is not one of the two shapes is reported as an error ack.</summary>
    public static Acknowledgement FromBytes(byte[] bytes) => Envelope(bytes) ?? FromDocument(bytes);

    /// <summary>
    /// The envelope's usual form, one property and nothing else, read without a document (one per relayed packet);
    /// null for any other form, which <see cref="FromDocument"/> reads as before.
    /// </summary>
    private static Acknowledgement? Envelope(byte[] bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName) return null;
            var result = reader.ValueTextEquals("result"u8);
            if (!result && !reader.ValueTextEquals("error"u8)) return null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String) return null;
            var value = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject || reader.Read()) return null;
            return result ? Success(Convert.FromBase64String(value)) : Failure(value);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static Acknowledgement FromDocument(byte[] bytes)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.String)
                return Success(Convert.FromBase64String(r.GetString()!));
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
                return Failure(e.GetString()!);
        }
        // InvalidOperationException: a string that is not valid UTF-8 (GetString), as malformed as bad JSON
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
        }
        return Failure("malformed acknowledgement: " + Encoding.UTF8.GetString(bytes));
    }

    public bool Equals(Acknowledgement? other) =>
        other is not null && Error == other.Error && (Result ?? []).AsSpan().SequenceEqual(other.Result ?? []);

    public override int GetHashCode() => HashCode.Combine(Error, Result?.Length);

    public override string ToString() => IsSuccess ? $"ack(ok {Encoding.UTF8.GetString(Result!)})" : $"ack(error {Error})";
}
