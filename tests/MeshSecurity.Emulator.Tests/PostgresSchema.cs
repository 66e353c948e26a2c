using Npgsql;

namespace MeshSecurity.Emulator.Tests;

/// <summary>A fresh schema in the test database, dropped (with the journal's tables) on dispose.</summary>
internal sealed class PostgresSchema : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;

    private PostgresSchema(string admin, string name)
    {
        _admin = admin;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { SearchPath = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public string Name => _name;

    public static async Task<PostgresSchema> CreateAsync()
    {
        var schema = new PostgresSchema(PostgresFactAttribute.ConnectionString!, "meshsec_test_" + Guid.NewGuid().ToString("N")[..12]);
        await schema.ExecuteAsync($"CREATE SCHEMA {schema._name}");
        return schema;
    }

    public async Task<long> CountAsync(string table)
    {
        await using var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT COUNT(*) FROM {_name}.{table}", c);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task<bool> TableExistsAsync(string table)
    {
        await using var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT to_regclass(@t) IS NOT NULL", c);
        cmd.Parameters.AddWithValue("t", $"{_name}.{table}");
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync() => new(ExecuteAsync($"DROP SCHEMA IF EXISTS {_name} CASCADE"));

    public async Task ExecuteAsync(string sql)
    {
        await using var c = new NpgsqlConnection(_admin);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }
}
