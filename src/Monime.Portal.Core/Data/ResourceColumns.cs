using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monime.Portal.Resources;

namespace Monime.Portal.Data;

/// <summary>The columns every API resource shares: id, Space, mode, times, metadata, and the list index.</summary>
internal static class ResourceColumns
{
    private static readonly ValueComparer<Dictionary<string, string>> s_metadataComparer = new(
        (a, b) => a!.Count == b!.Count && a.All(entry => b.ContainsKey(entry.Key) && b[entry.Key] == entry.Value),
        metadata => metadata.Aggregate(0, (hash, entry) => HashCode.Combine(hash, entry.Key, entry.Value)),
        metadata => new Dictionary<string, string>(metadata));

    public static void ConfigureResource<T>(this EntityTypeBuilder<T> builder)
        where T : class, IScopedResource
    {
        // Binary ("C") collation, so the id order of the keyset cursor is the same in SQL and in .NET.
        builder.Property(r => r.Id).HasMaxLength(ResourceIds.MaxLength).UseCollation("C");
        builder.Property(r => r.SpaceId).HasMaxLength(64);
        builder.Property(r => r.Mode).HasConversion<string>().HasMaxLength(10);

        // Every list reads one Space and mode, newest first: this index serves it and its cursor.
        builder.HasIndex(r => new { r.SpaceId, r.Mode, r.CreatedAt, r.Id });
    }

    public static void ConfigureMetadata<T>(this EntityTypeBuilder<T> builder,
        System.Linq.Expressions.Expression<Func<T, Dictionary<string, string>>> metadata)
        where T : class =>
        builder.Property(metadata)
            .HasColumnType("jsonb")
            .HasConversion(
                value => JsonSerializer.Serialize(value, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default)
                    ?? new(),
                s_metadataComparer);

    public static void ConfigureMoney<T>(this EntityTypeBuilder<T> builder,
        System.Linq.Expressions.Expression<Func<T, Money?>> money)
        where T : class =>
        builder.ComplexProperty(money, amount =>
        {
            amount.Property(m => m.Currency).HasMaxLength(3);
        });
}
