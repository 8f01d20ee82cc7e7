using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;

namespace Monime.Portal.Data;

internal sealed class MonimeerConfiguration : IEntityTypeConfiguration<Monimeer>
{
    public void Configure(EntityTypeBuilder<Monimeer> builder)
    {
        builder.Property(m => m.DisplayName).HasMaxLength(100);
        builder.HasOne(m => m.Organization).WithMany().HasForeignKey(m => m.OrganizationId);
    }
}
