using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Bank;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.State;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// Sorted immutable collections in a snapshot: entries as a JSON list (keys of any type), read back with the order the
/// chain's state uses for that key type (ordinal for strings, never the culture's). Writing checks that the entries are
/// in that order, so a collection sorted any other way fails the snapshot loudly instead of coming back reordered.
/// </summary>
internal sealed class SortedCollectionsConverterFactory : JsonConverterFactory
{
    private static readonly IComparer<(string, string)> OrdinalPairs = Comparer<(string, string)>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.Item1, b.Item1);
        return c != 0 ? c : string.CompareOrdinal(a.Item2, b.Item2);
    });

    public override bool CanConvert(Type t) =>
        t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>)
                            || t.GetGenericTypeDefinition() == typeof(ImmutableSortedSet<>)
                            || t.GetGenericTypeDefinition() == typeof(UndoMap<,>)
                            || t.GetGenericTypeDefinition() == typeof(VersionedMap<,>));

    public override JsonConverter CreateConverter(Type t, JsonSerializerOptions options)
    {
        var converter = t.GetGenericTypeDefinition() == typeof(ImmutableSortedSet<>)
            ? typeof(SetConverter<>)
            : t.GetGenericTypeDefinition() == typeof(UndoMap<,>)
            ? typeof(StoreConverter<,>)
            : t.GetGenericTypeDefinition() == typeof(VersionedMap<,>)
            ? typeof(VersionedConverter<,>)
            : typeof(DictionaryConverter<,>);
        return (JsonConverter)Activator.CreateInstance(converter.MakeGenericType(t.GetGenericArguments()))!;
    }

    private static IComparer<T> OrderOf<T>() => (IComparer<T>)(typeof(T) switch
    {
        var t when t == typeof(string) => (object)StringComparer.Ordinal,
        var t when t == typeof(BalanceKey) => BalanceKey.Comparer,
        var t when t == typeof(PacketKey) => PacketKey.Comparer,
        var t when t == typeof(DelegationKey) => DelegationKey.Comparer,
        var t when t == typeof((string, string)) => OrdinalPairs,
        _ => Comparer<T>.Default,
    });

    private static void CheckOrder<T>(IComparer<T> order, T? previous, T current, bool first, string what)
    {
        if (!first && order.Compare(previous!, current) >= 0)
            throw new JsonException($"a {what} is not in the order a snapshot restores ({previous} before {current})");
    }

    private sealed class DictionaryConverter<TKey, TValue> : JsonConverter<ImmutableSortedDictionary<TKey, TValue>> where TKey : notnull
    {
        private static readonly IComparer<TKey> Order = OrderOf<TKey>();

        public override ImmutableSortedDictionary<TKey, TValue> Read(
            ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected a list of [key, value] entries");
            var builder = ImmutableSortedDictionary.CreateBuilder<TKey, TValue>(Order);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected a [key, value] entry");
                reader.Read();
                var key = JsonSerializer.Deserialize<TKey>(ref reader, options) ?? throw new JsonException("a null key");
                reader.Read();
                var value = JsonSerializer.Deserialize<TValue>(ref reader, options)!;
                reader.Read();
                if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException("an entry has more than a key and a value");
                builder.Add(key, value);
            }
            return builder.ToImmutable();
        }

        public override void Write(Utf8JsonWriter writer, ImmutableSortedDictionary<TKey, TValue> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            var (first, previous) = (true, default(TKey));
            foreach (var (key, item) in value)
            {
                CheckOrder(Order, previous, key, first, $"map of {typeof(TKey).Name}");
                (first, previous) = (false, key);
                writer.WriteStartArray();
                JsonSerializer.Serialize(writer, key, options);
                JsonSerializer.Serialize(writer, item, options);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
    }

    /// <summary>
    /// A chain's mutable store (docs/decisions/0014-mutable-stores-with-an-undo-log.md) in the JSON of the immutable map
    /// it replaced, so snapshots keep their bytes; read back in no chain (the chain's state binds it to its log).
    /// </summary>
    private sealed class StoreConverter<TKey, TValue> : JsonConverter<UndoMap<TKey, TValue>> where TKey : notnull
    {
        private static readonly DictionaryConverter<TKey, TValue> Entries = new();

        public override UndoMap<TKey, TValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var entries = Entries.Read(ref reader, typeof(ImmutableSortedDictionary<TKey, TValue>), options);
            return new UndoMap<TKey, TValue>(entries.KeyComparer, entries);
        }

        public override void Write(Utf8JsonWriter writer, UndoMap<TKey, TValue> value, JsonSerializerOptions options) =>
            Entries.Write(writer, value.ToImmutable(), options);
    }

    /// <summary>
    /// A contract state's versioned map (docs/decisions/0014-mutable-stores-with-an-undo-log.md, "Session 19") in the
    /// JSON of the immutable map it replaced, so snapshots keep their bytes; read back as a map of its own.
    /// </summary>
    private sealed class VersionedConverter<TKey, TValue> : JsonConverter<VersionedMap<TKey, TValue>> where TKey : notnull
    {
        private static readonly DictionaryConverter<TKey, TValue> Entries = new();

        public override VersionedMap<TKey, TValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var entries = Entries.Read(ref reader, typeof(ImmutableSortedDictionary<TKey, TValue>), options);
            return VersionedMap<TKey, TValue>.Create(entries.KeyComparer, entries);
        }

        public override void Write(Utf8JsonWriter writer, VersionedMap<TKey, TValue> value, JsonSerializerOptions options) =>
            Entries.Write(writer, value.ToImmutable(), options);
    }

    private sealed class SetConverter<T> : JsonConverter<ImmutableSortedSet<T>>
    {
        private static readonly IComparer<T> Order = OrderOf<T>();

        public override ImmutableSortedSet<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ImmutableSortedSet.CreateRange(Order,
                JsonSerializer.Deserialize<List<T>>(ref reader, options) ?? throw new JsonException("expected a list"));

        public override void Write(Utf8JsonWriter writer, ImmutableSortedSet<T> value, JsonSerializerOptions options)
        {
            var (first, previous) = (true, default(T));
            foreach (var item in value)
            {
                CheckOrder(Order, previous, item, first, $"set of {typeof(T).Name}");
                (first, previous) = (false, item);
            }
            JsonSerializer.Serialize(writer, value.ToList(), options);
        }
    }
}
