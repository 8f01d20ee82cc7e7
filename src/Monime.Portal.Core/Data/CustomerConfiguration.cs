using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monime.Portal.Customers;
using Monime.Portal.Resources;

namespace Monime.Portal.Data;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("Customers");
        builder.ConfigureResource();
        builder.ConfigureMetadata(c => c.Metadata);
        builder.Property(c => c.Name).HasMaxLength(ResourceValidation.MaxNameLength);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.PhoneNumber).HasMaxLength(16);
        builder.Property(c => c.Reference).HasMaxLength(ResourceValidation.MaxReferenceLength);
    }
}
