IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE TABLE [AuditLog] (
        [Id] bigint NOT NULL IDENTITY,
        [Actor] nvarchar(200) NOT NULL,
        [Action] nvarchar(100) NOT NULL,
        [EntityType] nvarchar(50) NOT NULL,
        [EntityId] nvarchar(100) NOT NULL,
        [Before] nvarchar(max) NULL,
        [After] nvarchar(max) NULL,
        [OccurredAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_AuditLog] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE TABLE [EarningRules] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [PointsPerCurrencyUnit] decimal(14,4) NOT NULL,
        [Currency] nchar(3) NOT NULL,
        [IsActive] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [SupersededAt] datetimeoffset NULL,
        CONSTRAINT [PK_EarningRules] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE TABLE [IdempotencyRecords] (
        [Scope] nvarchar(100) NOT NULL,
        [Key] nvarchar(255) NOT NULL,
        [RequestHash] nvarchar(64) NOT NULL,
        [StatusCode] int NULL,
        [ContentType] nvarchar(100) NULL,
        [ResponseBody] nvarchar(max) NULL,
        [CommittedAt] datetimeoffset NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [LockedUntil] datetimeoffset NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_IdempotencyRecords] PRIMARY KEY ([Scope], [Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE TABLE [Partners] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [ContactEmail] nvarchar(254) NULL,
        [Status] nvarchar(20) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Partners] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE TABLE [Tiers] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(50) NOT NULL,
        [Rank] int NOT NULL,
        [EarnMultiplier] decimal(6,2) NOT NULL,
        [QualificationThreshold] bigint NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Tiers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE TABLE [ApiKeys] (
        [Id] uniqueidentifier NOT NULL,
        [PartnerId] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Prefix] nvarchar(16) NOT NULL,
        [SecretHash] varbinary(32) NOT NULL,
        [Scopes] nvarchar(500) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [RevokedAt] datetimeoffset NULL,
        [LastUsedAt] datetimeoffset NULL,
        CONSTRAINT [PK_ApiKeys] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ApiKeys_Partners_PartnerId] FOREIGN KEY ([PartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE TABLE [Stores] (
        [Id] uniqueidentifier NOT NULL,
        [PartnerId] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Code] nvarchar(50) NOT NULL,
        [City] nvarchar(100) NULL,
        [IsActive] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Stores] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Stores_Partners_PartnerId] FOREIGN KEY ([PartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE TABLE [Members] (
        [Id] uniqueidentifier NOT NULL,
        [ExternalId] nvarchar(200) NULL,
        [MemberNumber] nvarchar(12) NOT NULL,
        [FirstName] nvarchar(100) NOT NULL,
        [LastName] nvarchar(100) NOT NULL,
        [Email] nvarchar(254) NOT NULL,
        [NormalizedEmail] nvarchar(254) NOT NULL,
        [Phone] nvarchar(32) NULL,
        [BirthDate] date NULL,
        [Status] nvarchar(20) NOT NULL,
        [TierId] uniqueidentifier NOT NULL,
        [EnrolmentChannel] nvarchar(20) NOT NULL,
        [EnrolledAtPartnerId] uniqueidentifier NULL,
        [EnrolledAtStoreId] uniqueidentifier NULL,
        [EnrolledAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Members] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Members_Tiers_TierId] FOREIGN KEY ([TierId]) REFERENCES [Tiers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE TABLE [LedgerEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] uniqueidentifier NOT NULL,
        [Type] nvarchar(20) NOT NULL,
        [Points] bigint NOT NULL,
        [Description] nvarchar(500) NOT NULL,
        [OccurredAt] datetimeoffset NOT NULL,
        [PartnerId] uniqueidentifier NULL,
        [StoreId] uniqueidentifier NULL,
        [PurchaseId] uniqueidentifier NULL,
        [RedemptionId] uniqueidentifier NULL,
        [Actor] nvarchar(200) NULL,
        CONSTRAINT [PK_LedgerEntries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LedgerEntries_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE TABLE [PointsAccounts] (
        [MemberId] uniqueidentifier NOT NULL,
        [Available] bigint NOT NULL,
        [Pending] bigint NOT NULL,
        [LifetimeEarned] bigint NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_PointsAccounts] PRIMARY KEY ([MemberId]),
        CONSTRAINT [FK_PointsAccounts_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE TABLE [Purchases] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [PartnerId] uniqueidentifier NOT NULL,
        [StoreId] uniqueidentifier NOT NULL,
        [ExternalId] nvarchar(100) NOT NULL,
        [Amount] decimal(18,4) NOT NULL,
        [Currency] nchar(3) NOT NULL,
        [PurchasedAt] datetimeoffset NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        [PointsEarned] bigint NOT NULL,
        [EarningRuleId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_Purchases] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Purchases_EarningRules_EarningRuleId] FOREIGN KEY ([EarningRuleId]) REFERENCES [EarningRules] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Purchases_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Purchases_Partners_PartnerId] FOREIGN KEY ([PartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Purchases_Stores_StoreId] FOREIGN KEY ([StoreId]) REFERENCES [Stores] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE TABLE [Redemptions] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [PartnerId] uniqueidentifier NOT NULL,
        [StoreId] uniqueidentifier NOT NULL,
        [Points] bigint NOT NULL,
        [Reference] nvarchar(100) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Redemptions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Redemptions_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Redemptions_Partners_PartnerId] FOREIGN KEY ([PartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Redemptions_Stores_StoreId] FOREIGN KEY ([StoreId]) REFERENCES [Stores] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE INDEX [IX_ApiKeys_PartnerId] ON [ApiKeys] ([PartnerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiKeys_Prefix] ON [ApiKeys] ([Prefix]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditLog_EntityType_EntityId] ON [AuditLog] ([EntityType], [EntityId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE INDEX [IX_EarningRules_IsActive] ON [EarningRules] ([IsActive]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE INDEX [IX_IdempotencyRecords_ExpiresAt] ON [IdempotencyRecords] ([ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_MemberId_Id] ON [LedgerEntries] ([MemberId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Members_ExternalId] ON [Members] ([ExternalId]) WHERE [ExternalId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_LastName] ON [Members] ([LastName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Members_MemberNumber] ON [Members] ([MemberNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Members_NormalizedEmail] ON [Members] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_TierId] ON [Members] ([TierId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Partners_Name] ON [Partners] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE INDEX [IX_Purchases_EarningRuleId] ON [Purchases] ([EarningRuleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE INDEX [IX_Purchases_MemberId] ON [Purchases] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Purchases_PartnerId_ExternalId] ON [Purchases] ([PartnerId], [ExternalId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE INDEX [IX_Purchases_StoreId] ON [Purchases] ([StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE INDEX [IX_Redemptions_MemberId] ON [Redemptions] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE INDEX [IX_Redemptions_PartnerId] ON [Redemptions] ([PartnerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE INDEX [IX_Redemptions_StoreId] ON [Redemptions] ([StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Stores_PartnerId_Code] ON [Stores] ([PartnerId], [Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Tiers_Name] ON [Tiers] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Tiers_Rank] ON [Tiers] ([Rank]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123114300_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123114300_Initial', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [Purchases] DROP CONSTRAINT [FK_Purchases_EarningRules_EarningRuleId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    DROP INDEX [IX_Purchases_EarningRuleId] ON [Purchases];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] DROP CONSTRAINT [PK_EarningRules];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Purchases]') AND [c].[name] = N'EarningRuleId');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [Purchases] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [Purchases] DROP COLUMN [EarningRuleId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [Redemptions] ADD [CapturedPoints] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [Redemptions] ADD [CompletedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [Redemptions] ADD [ExpiresAt] datetimeoffset NOT NULL DEFAULT '0001-01-01T00:00:00.0000000+00:00';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [Redemptions] ADD [Status] nvarchar(20) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [Purchases] ADD [PointsReversed] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [Purchases] ADD [PointsWrittenOff] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [Purchases] ADD [ReturnedAmount] decimal(18,4) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [PointsAccounts] ADD [Held] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [LedgerEntries] ADD [PendingPoints] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [LedgerEntries] ADD [ReferenceId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[EarningRules]') AND [c].[name] = N'PointsPerCurrencyUnit');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [EarningRules] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [EarningRules] ALTER COLUMN [PointsPerCurrencyUnit] decimal(14,4) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    DECLARE @var2 nvarchar(max);
    SELECT @var2 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[EarningRules]') AND [c].[name] = N'Currency');
    IF @var2 IS NOT NULL EXEC(N'ALTER TABLE [EarningRules] DROP CONSTRAINT ' + @var2 + ';');
    ALTER TABLE [EarningRules] ALTER COLUMN [Currency] nchar(3) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] ADD [Version] int NOT NULL DEFAULT 1;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] ADD [BonusPoints] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] ADD [CampaignId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] ADD [Conditions] nvarchar(max) NOT NULL DEFAULT N'{}';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] ADD [CreatedBy] nvarchar(200) NOT NULL DEFAULT N'system';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] ADD [DailyCap] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] ADD [ExclusiveGroup] nvarchar(50) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] ADD [Factor] decimal(8,4) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] ADD [Kind] nvarchar(20) NOT NULL DEFAULT N'BaseRate';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] ADD [MonthlyCap] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] ADD [Priority] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] ADD [Trigger] nvarchar(20) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] ADD [VisitNumber] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] ADD CONSTRAINT [PK_EarningRules] PRIMARY KEY ([Id], [Version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE TABLE [BulkGrants] (
        [Id] uniqueidentifier NOT NULL,
        [Reason] nvarchar(500) NOT NULL,
        [Points] bigint NOT NULL,
        [CreatedBy] nvarchar(200) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_BulkGrants] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE TABLE [Campaigns] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Description] nvarchar(500) NULL,
        [From] datetimeoffset NOT NULL,
        [Until] datetimeoffset NULL,
        [Weekdays] nvarchar(max) NULL,
        [FromHour] int NULL,
        [UntilHour] int NULL,
        [TierIds] nvarchar(max) NULL,
        [PartnerIds] nvarchar(max) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [EndedAt] datetimeoffset NULL,
        CONSTRAINT [PK_Campaigns] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE TABLE [EarnBreakdownLines] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] uniqueidentifier NOT NULL,
        [PurchaseId] uniqueidentifier NULL,
        [LedgerEntryId] bigint NULL,
        [Sequence] int NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [RuleId] uniqueidentifier NULL,
        [RuleVersion] int NULL,
        [CampaignId] uniqueidentifier NULL,
        [Description] nvarchar(300) NOT NULL,
        [Points] bigint NOT NULL,
        [EarnedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_EarnBreakdownLines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_EarnBreakdownLines_EarningRules_RuleId_RuleVersion] FOREIGN KEY ([RuleId], [RuleVersion]) REFERENCES [EarningRules] ([Id], [Version]) ON DELETE NO ACTION,
        CONSTRAINT [FK_EarnBreakdownLines_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_EarnBreakdownLines_Purchases_PurchaseId] FOREIGN KEY ([PurchaseId]) REFERENCES [Purchases] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE TABLE [OutboxMessages] (
        [Id] uniqueidentifier NOT NULL,
        [Type] nvarchar(60) NOT NULL,
        [MemberId] uniqueidentifier NULL,
        [PartnerId] uniqueidentifier NULL,
        [Payload] nvarchar(max) NOT NULL,
        [OccurredAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_OutboxMessages] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE TABLE [PointsLots] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] uniqueidentifier NOT NULL,
        [Points] bigint NOT NULL,
        [Remaining] bigint NOT NULL,
        [EarnedAt] datetimeoffset NOT NULL,
        [ExpiresAt] datetimeoffset NULL,
        [IsPending] bit NOT NULL,
        [PendingUntil] datetimeoffset NULL,
        [PurchaseId] uniqueidentifier NULL,
        [ExpiryNoticeAt] datetimeoffset NULL,
        CONSTRAINT [PK_PointsLots] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PointsLots_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE TABLE [PointsPolicies] (
        [Id] int NOT NULL,
        [ExpiryKind] nvarchar(20) NOT NULL,
        [ExpiryLength] int NOT NULL,
        [ExpiryUnit] nvarchar(20) NOT NULL,
        [ExpiryRounding] nvarchar(20) NOT NULL,
        [ExpiryFixedMonth] int NOT NULL,
        [ExpiryFixedDay] int NOT NULL,
        [ExpiryNoticeDays] int NOT NULL,
        [PendingDays] int NOT NULL,
        [ReturnPolicy] nvarchar(30) NOT NULL,
        [PointValue] decimal(18,6) NOT NULL,
        [PointValueCurrency] nchar(3) NOT NULL,
        [RedemptionHoldMinutes] int NOT NULL,
        [TransferMaxPoints] bigint NOT NULL,
        [TransferMaxPointsPerMonth] bigint NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_PointsPolicies] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE TABLE [PointsTransfers] (
        [Id] uniqueidentifier NOT NULL,
        [FromMemberId] uniqueidentifier NOT NULL,
        [ToMemberId] uniqueidentifier NOT NULL,
        [Points] bigint NOT NULL,
        [Message] nvarchar(140) NULL,
        [Status] nvarchar(30) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        [CompletedAt] datetimeoffset NULL,
        CONSTRAINT [PK_PointsTransfers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PointsTransfers_Members_FromMemberId] FOREIGN KEY ([FromMemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PointsTransfers_Members_ToMemberId] FOREIGN KEY ([ToMemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE TABLE [PurchaseReturns] (
        [Id] uniqueidentifier NOT NULL,
        [PurchaseId] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [PartnerId] uniqueidentifier NOT NULL,
        [ReturnId] nvarchar(100) NOT NULL,
        [Amount] decimal(18,4) NOT NULL,
        [PendingPointsReversed] bigint NOT NULL,
        [AvailablePointsReversed] bigint NOT NULL,
        [PointsWrittenOff] bigint NOT NULL,
        [Policy] nvarchar(30) NOT NULL,
        [Reason] nvarchar(500) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_PurchaseReturns] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PurchaseReturns_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PurchaseReturns_Partners_PartnerId] FOREIGN KEY ([PartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PurchaseReturns_Purchases_PurchaseId] FOREIGN KEY ([PurchaseId]) REFERENCES [Purchases] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE TABLE [Rewards] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Description] nvarchar(1000) NOT NULL,
        [PointsCost] bigint NOT NULL,
        [Stock] int NULL,
        [PerMemberLimit] int NULL,
        [AvailableFrom] datetimeoffset NULL,
        [AvailableUntil] datetimeoffset NULL,
        [VoucherValidityDays] int NOT NULL,
        [IsActive] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Rewards] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE TABLE [BulkGrantItems] (
        [Id] bigint NOT NULL IDENTITY,
        [GrantId] uniqueidentifier NOT NULL,
        [MemberNumber] nvarchar(32) NOT NULL,
        [MemberId] uniqueidentifier NULL,
        [Status] nvarchar(20) NOT NULL,
        [FailureCode] nvarchar(40) NULL,
        [ProcessedAt] datetimeoffset NULL,
        CONSTRAINT [PK_BulkGrantItems] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_BulkGrantItems_BulkGrants_GrantId] FOREIGN KEY ([GrantId]) REFERENCES [BulkGrants] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_BulkGrantItems_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE TABLE [LotDebits] (
        [Id] bigint NOT NULL IDENTITY,
        [LotId] bigint NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [ReferenceId] uniqueidentifier NOT NULL,
        [Points] bigint NOT NULL,
        CONSTRAINT [PK_LotDebits] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LotDebits_PointsLots_LotId] FOREIGN KEY ([LotId]) REFERENCES [PointsLots] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE TABLE [RewardTiers] (
        [RewardId] uniqueidentifier NOT NULL,
        [TierId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_RewardTiers] PRIMARY KEY ([RewardId], [TierId]),
        CONSTRAINT [FK_RewardTiers_Rewards_RewardId] FOREIGN KEY ([RewardId]) REFERENCES [Rewards] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_RewardTiers_Tiers_TierId] FOREIGN KEY ([TierId]) REFERENCES [Tiers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE TABLE [Vouchers] (
        [Id] uniqueidentifier NOT NULL,
        [Code] nchar(12) NOT NULL,
        [RewardId] uniqueidentifier NOT NULL,
        [RewardName] nvarchar(100) NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [PointsSpent] bigint NOT NULL,
        [IssuedAt] datetimeoffset NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        [UsedAt] datetimeoffset NULL,
        [UsedByPartnerId] uniqueidentifier NULL,
        [UsedAtStoreId] uniqueidentifier NULL,
        [UseReference] nvarchar(100) NULL,
        CONSTRAINT [PK_Vouchers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Vouchers_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Vouchers_Partners_UsedByPartnerId] FOREIGN KEY ([UsedByPartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Vouchers_Rewards_RewardId] FOREIGN KEY ([RewardId]) REFERENCES [Rewards] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Vouchers_Stores_UsedAtStoreId] FOREIGN KEY ([UsedAtStoreId]) REFERENCES [Stores] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_Redemptions_Status_ExpiresAt] ON [Redemptions] ([Status], [ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    EXEC(N'UPDATE [Redemptions] SET [Status] = N''Captured'', [CapturedPoints] = [Points], [ExpiresAt] = [CreatedAt], [CompletedAt] = [CreatedAt];');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_OccurredAt_Type] ON [LedgerEntries] ([OccurredAt], [Type]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_PurchaseId] ON [LedgerEntries] ([PurchaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_RedemptionId] ON [LedgerEntries] ([RedemptionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_EarningRules_CampaignId] ON [EarningRules] ([CampaignId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE UNIQUE INDEX [IX_BulkGrantItems_GrantId_MemberNumber] ON [BulkGrantItems] ([GrantId], [MemberNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_BulkGrantItems_MemberId] ON [BulkGrantItems] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_BulkGrantItems_Status_GrantId] ON [BulkGrantItems] ([Status], [GrantId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_BulkGrants_CreatedAt] ON [BulkGrants] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_Campaigns_From] ON [Campaigns] ([From]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_EarnBreakdownLines_LedgerEntryId] ON [EarnBreakdownLines] ([LedgerEntryId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_EarnBreakdownLines_MemberId_RuleId_EarnedAt] ON [EarnBreakdownLines] ([MemberId], [RuleId], [EarnedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_EarnBreakdownLines_PurchaseId] ON [EarnBreakdownLines] ([PurchaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_EarnBreakdownLines_RuleId_RuleVersion] ON [EarnBreakdownLines] ([RuleId], [RuleVersion]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_LotDebits_LotId] ON [LotDebits] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_LotDebits_ReferenceId] ON [LotDebits] ([ReferenceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_OutboxMessages_MemberId_OccurredAt] ON [OutboxMessages] ([MemberId], [OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_OutboxMessages_OccurredAt] ON [OutboxMessages] ([OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_PointsLots_Expiring] ON [PointsLots] ([ExpiresAt]) WHERE [Remaining] > 0');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_PointsLots_PendingUntil] ON [PointsLots] ([PendingUntil]) WHERE [IsPending] = 1');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_PointsLots_PurchaseId] ON [PointsLots] ([PurchaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_PointsLots_Spendable] ON [PointsLots] ([MemberId], [IsPending], [Id]) WHERE [Remaining] > 0');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_PointsTransfers_FromMemberId_CreatedAt] ON [PointsTransfers] ([FromMemberId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_PointsTransfers_FromMemberId_Status_CompletedAt] ON [PointsTransfers] ([FromMemberId], [Status], [CompletedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_PointsTransfers_ToMemberId_CreatedAt] ON [PointsTransfers] ([ToMemberId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_PurchaseReturns_MemberId] ON [PurchaseReturns] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_PurchaseReturns_PartnerId] ON [PurchaseReturns] ([PartnerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PurchaseReturns_PurchaseId_ReturnId] ON [PurchaseReturns] ([PurchaseId], [ReturnId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_Rewards_IsActive_PointsCost] ON [Rewards] ([IsActive], [PointsCost]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Rewards_Name] ON [Rewards] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_RewardTiers_TierId] ON [RewardTiers] ([TierId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Vouchers_Code] ON [Vouchers] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_Vouchers_MemberId_IssuedAt_Code] ON [Vouchers] ([MemberId], [IssuedAt], [Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_Vouchers_MemberId_RewardId] ON [Vouchers] ([MemberId], [RewardId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_Vouchers_RewardId] ON [Vouchers] ([RewardId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_Vouchers_UsedAtStoreId] ON [Vouchers] ([UsedAtStoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    CREATE INDEX [IX_Vouchers_UsedByPartnerId] ON [Vouchers] ([UsedByPartnerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    ALTER TABLE [EarningRules] ADD CONSTRAINT [FK_EarningRules_Campaigns_CampaignId] FOREIGN KEY ([CampaignId]) REFERENCES [Campaigns] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123141140_FinancialLayer'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123141140_FinancialLayer', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    DROP INDEX [IX_Tiers_Name] ON [Tiers];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    DROP INDEX [IX_Tiers_Rank] ON [Tiers];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    DROP INDEX [IX_Purchases_MemberId] ON [Purchases];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Tiers] ADD [Perks] nvarchar(4000) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Tiers] ADD [QualifyPoints] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Tiers] ADD [QualifySpend] decimal(18,4) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Tiers] ADD [QualifyVisits] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Tiers] ADD [RetainPoints] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Tiers] ADD [RetainSpend] decimal(18,4) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Tiers] ADD [RetainVisits] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Tiers] ADD [RetiredAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Tiers] ADD [RewardDiscountPercent] decimal(5,2) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Tiers] ADD [SupportResponseHours] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Tiers] ADD [UpdatedAt] datetimeoffset NOT NULL DEFAULT '0001-01-01T00:00:00.0000000+00:00';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [PointsPolicies] ADD [PointsOnClose] nvarchar(20) NOT NULL DEFAULT N'Forfeit';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Members] ADD [ErasedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Members] ADD [MergedIntoMemberId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Members] ADD [StatusChangedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Members] ADD [TierGraceUntil] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Members] ADD [TierReviewAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Members] ADD [TierSince] datetimeoffset NOT NULL DEFAULT '0001-01-01T00:00:00.0000000+00:00';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE TABLE [ClubEvents] (
        [Id] uniqueidentifier NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [Description] nvarchar(4000) NOT NULL,
        [StartsAt] datetimeoffset NOT NULL,
        [EndsAt] datetimeoffset NOT NULL,
        [VenueName] nvarchar(200) NULL,
        [VenueAddress] nvarchar(500) NULL,
        [OnlineUrl] nvarchar(2000) NULL,
        [PartnerId] uniqueidentifier NULL,
        [StoreId] uniqueidentifier NULL,
        [Capacity] int NOT NULL,
        [PointsForAttending] bigint NOT NULL,
        [RegistrationOpensAt] datetimeoffset NULL,
        [RegistrationClosesAt] datetimeoffset NULL,
        [CancellationClosesAt] datetimeoffset NULL,
        [Status] nvarchar(20) NOT NULL,
        [CancelledAt] datetimeoffset NULL,
        [CancellationReason] nvarchar(500) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ClubEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ClubEvents_Partners_PartnerId] FOREIGN KEY ([PartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ClubEvents_Stores_StoreId] FOREIGN KEY ([StoreId]) REFERENCES [Stores] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE TABLE [MemberReferralCodes] (
        [MemberId] uniqueidentifier NOT NULL,
        [Code] nvarchar(8) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_MemberReferralCodes] PRIMARY KEY ([MemberId]),
        CONSTRAINT [FK_MemberReferralCodes_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE TABLE [ReferralProgrammes] (
        [Id] int NOT NULL,
        [Enabled] bit NOT NULL,
        [ReferrerPoints] bigint NOT NULL,
        [RefereePoints] bigint NOT NULL,
        [MinimumPurchaseAmount] decimal(18,4) NOT NULL,
        [Currency] nchar(3) NOT NULL,
        [MaxRewardsPerMonth] int NOT NULL,
        [MaxRewardsPerYear] int NOT NULL,
        [WindowDays] int NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ReferralProgrammes] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE TABLE [Referrals] (
        [Id] uniqueidentifier NOT NULL,
        [ReferrerId] uniqueidentifier NOT NULL,
        [RefereeId] uniqueidentifier NOT NULL,
        [Code] nvarchar(8) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [Reason] nvarchar(40) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [DecidedAt] datetimeoffset NULL,
        [PurchaseId] uniqueidentifier NULL,
        [ReferrerPoints] bigint NOT NULL,
        [RefereePoints] bigint NOT NULL,
        [RefereeEmailKey] nvarchar(64) NULL,
        [RefereePhoneKey] nvarchar(64) NULL,
        CONSTRAINT [PK_Referrals] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Referrals_Members_RefereeId] FOREIGN KEY ([RefereeId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Referrals_Members_ReferrerId] FOREIGN KEY ([ReferrerId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE TABLE [TierChanges] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] uniqueidentifier NOT NULL,
        [FromTierId] uniqueidentifier NULL,
        [ToTierId] uniqueidentifier NOT NULL,
        [Reason] nvarchar(20) NOT NULL,
        [PointsEarned] bigint NULL,
        [Spend] decimal(18,4) NULL,
        [Visits] int NULL,
        [OccurredAt] datetimeoffset NOT NULL,
        [Actor] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_TierChanges] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_TierChanges_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_TierChanges_Tiers_ToTierId] FOREIGN KEY ([ToTierId]) REFERENCES [Tiers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE TABLE [TierProgrammes] (
        [Id] int NOT NULL,
        [WindowKind] nvarchar(20) NOT NULL,
        [WindowMonths] int NOT NULL,
        [GraceDays] int NOT NULL,
        [DowngradeMode] nvarchar(20) NOT NULL,
        [SpendCurrency] nchar(3) NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_TierProgrammes] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE TABLE [TierSchemeVersions] (
        [Id] uniqueidentifier NOT NULL,
        [Version] int NOT NULL,
        [EffectiveFrom] datetimeoffset NOT NULL,
        [Definition] nvarchar(max) NOT NULL,
        [CreatedBy] nvarchar(200) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [AppliedAt] datetimeoffset NULL,
        [CancelledAt] datetimeoffset NULL,
        [CancelledBy] nvarchar(200) NULL,
        CONSTRAINT [PK_TierSchemeVersions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE TABLE [ClubEventRegistrations] (
        [Id] uniqueidentifier NOT NULL,
        [ClubEventId] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [Sequence] bigint NOT NULL,
        [RegisteredAt] datetimeoffset NOT NULL,
        [PromotedAt] datetimeoffset NULL,
        [CancelledAt] datetimeoffset NULL,
        [CheckedInAt] datetimeoffset NULL,
        [CheckInChannel] nvarchar(20) NULL,
        [CheckedInBy] nvarchar(200) NULL,
        [CheckedInByPartnerId] uniqueidentifier NULL,
        [CheckedInAtStoreId] uniqueidentifier NULL,
        [PointsAwarded] bigint NOT NULL,
        CONSTRAINT [PK_ClubEventRegistrations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ClubEventRegistrations_ClubEvents_ClubEventId] FOREIGN KEY ([ClubEventId]) REFERENCES [ClubEvents] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ClubEventRegistrations_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ClubEventRegistrations_Partners_CheckedInByPartnerId] FOREIGN KEY ([CheckedInByPartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ClubEventRegistrations_Stores_CheckedInAtStoreId] FOREIGN KEY ([CheckedInAtStoreId]) REFERENCES [Stores] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE TABLE [ClubEventTiers] (
        [ClubEventId] uniqueidentifier NOT NULL,
        [TierId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_ClubEventTiers] PRIMARY KEY ([ClubEventId], [TierId]),
        CONSTRAINT [FK_ClubEventTiers_ClubEvents_ClubEventId] FOREIGN KEY ([ClubEventId]) REFERENCES [ClubEvents] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_ClubEventTiers_Tiers_TierId] FOREIGN KEY ([TierId]) REFERENCES [Tiers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Tiers_Name] ON [Tiers] ([Name]) WHERE [RetiredAt] IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Tiers_Rank] ON [Tiers] ([Rank]) WHERE [RetiredAt] IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_Purchases_MemberId_PurchasedAt] ON [Purchases] ([MemberId], [PurchasedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_Members_MergedIntoMemberId] ON [Members] ([MergedIntoMemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_Members_TierReviewAt] ON [Members] ([TierReviewAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_ClubEventRegistrations_CheckedInAtStoreId] ON [ClubEventRegistrations] ([CheckedInAtStoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_ClubEventRegistrations_CheckedInByPartnerId] ON [ClubEventRegistrations] ([CheckedInByPartnerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ClubEventRegistrations_ClubEventId_MemberId] ON [ClubEventRegistrations] ([ClubEventId], [MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ClubEventRegistrations_ClubEventId_Sequence] ON [ClubEventRegistrations] ([ClubEventId], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_ClubEventRegistrations_ClubEventId_Status] ON [ClubEventRegistrations] ([ClubEventId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_ClubEventRegistrations_MemberId] ON [ClubEventRegistrations] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_ClubEvents_PartnerId_StartsAt] ON [ClubEvents] ([PartnerId], [StartsAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_ClubEvents_Status_StartsAt] ON [ClubEvents] ([Status], [StartsAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_ClubEvents_StoreId] ON [ClubEvents] ([StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_ClubEventTiers_TierId] ON [ClubEventTiers] ([TierId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MemberReferralCodes_Code] ON [MemberReferralCodes] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_Referrals_RefereeEmailKey] ON [Referrals] ([RefereeEmailKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Referrals_RefereeId] ON [Referrals] ([RefereeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_Referrals_RefereePhoneKey] ON [Referrals] ([RefereePhoneKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_Referrals_ReferrerId_CreatedAt] ON [Referrals] ([ReferrerId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_Referrals_ReferrerId_Status_DecidedAt] ON [Referrals] ([ReferrerId], [Status], [DecidedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_TierChanges_MemberId_Id] ON [TierChanges] ([MemberId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_TierChanges_ToTierId] ON [TierChanges] ([ToTierId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE INDEX [IX_TierSchemeVersions_EffectiveFrom] ON [TierSchemeVersions] ([EffectiveFrom]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    CREATE UNIQUE INDEX [IX_TierSchemeVersions_Version] ON [TierSchemeVersions] ([Version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    ALTER TABLE [Members] ADD CONSTRAINT [FK_Members_Members_MergedIntoMemberId] FOREIGN KEY ([MergedIntoMemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    EXEC(N'UPDATE [Tiers] SET [QualifyPoints] = CASE WHEN [Rank] = 0 THEN NULL WHEN [QualificationThreshold] < 1 THEN 1 ELSE [QualificationThreshold] END, [Perks] = ''[]'', [UpdatedAt] = [CreatedAt];');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    DECLARE @var3 nvarchar(max);
    SELECT @var3 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Tiers]') AND [c].[name] = N'QualificationThreshold');
    IF @var3 IS NOT NULL EXEC(N'ALTER TABLE [Tiers] DROP CONSTRAINT ' + @var3 + ';');
    ALTER TABLE [Tiers] DROP COLUMN [QualificationThreshold];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    EXEC(N'UPDATE [Members] SET [TierSince] = [EnrolledAt];');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    EXEC(N'INSERT INTO [TierChanges] ([MemberId], [FromTierId], [ToTierId], [Reason], [OccurredAt], [Actor]) SELECT [Id], NULL, [TierId], ''Enrolment'', [EnrolledAt], ''system'' FROM [Members];');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123155305_SocialLayer'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123155305_SocialLayer', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    ALTER TABLE [Partners] ADD [RateLimitPerSecond] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    ALTER TABLE [OutboxMessages] ADD [FannedOutAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    ALTER TABLE [ApiKeys] ADD [ExpiresAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    CREATE TABLE [Imports] (
        [Id] uniqueidentifier NOT NULL,
        [PartnerId] uniqueidentifier NOT NULL,
        [Format] nvarchar(10) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [TotalRows] int NOT NULL,
        [Processed] int NOT NULL,
        [Earned] int NOT NULL,
        [Points] bigint NOT NULL,
        [Rejected] int NOT NULL,
        [Duplicates] int NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [StartedAt] datetimeoffset NULL,
        [CompletedAt] datetimeoffset NULL,
        [ClaimedUntil] datetimeoffset NULL,
        CONSTRAINT [PK_Imports] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Imports_Partners_PartnerId] FOREIGN KEY ([PartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    CREATE TABLE [WebhookSubscriptions] (
        [Id] uniqueidentifier NOT NULL,
        [PartnerId] uniqueidentifier NULL,
        [Url] nvarchar(2000) NOT NULL,
        [Description] nvarchar(200) NULL,
        [EventTypes] nvarchar(1000) NOT NULL,
        [ProtectedSecret] nvarchar(1000) NOT NULL,
        [PreviousProtectedSecret] nvarchar(1000) NULL,
        [PreviousSecretExpiresAt] datetimeoffset NULL,
        [Active] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_WebhookSubscriptions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookSubscriptions_Partners_PartnerId] FOREIGN KEY ([PartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    CREATE TABLE [ImportRows] (
        [ImportId] uniqueidentifier NOT NULL,
        [RowNumber] int NOT NULL,
        [MemberNumber] nvarchar(100) NOT NULL,
        [StoreId] uniqueidentifier NOT NULL,
        [ExternalId] nvarchar(101) NOT NULL,
        [Amount] decimal(18,4) NOT NULL,
        [Currency] nvarchar(4) NOT NULL,
        [PurchasedAt] datetimeoffset NULL,
        [Outcome] nvarchar(20) NOT NULL,
        [Points] bigint NOT NULL,
        [ReasonCode] nvarchar(60) NULL,
        [Message] nvarchar(500) NULL,
        CONSTRAINT [PK_ImportRows] PRIMARY KEY ([ImportId], [RowNumber]),
        CONSTRAINT [FK_ImportRows_Imports_ImportId] FOREIGN KEY ([ImportId]) REFERENCES [Imports] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    CREATE TABLE [WebhookDeliveries] (
        [Id] uniqueidentifier NOT NULL,
        [MessageId] uniqueidentifier NOT NULL,
        [SubscriptionId] uniqueidentifier NOT NULL,
        [EventType] nvarchar(60) NOT NULL,
        [MemberId] uniqueidentifier NULL,
        [OccurredAt] datetimeoffset NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetimeoffset NOT NULL,
        [LockedUntil] datetimeoffset NULL,
        [LockedBy] nvarchar(100) NULL,
        [LastStatusCode] int NULL,
        [LastError] nvarchar(500) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [DeliveredAt] datetimeoffset NULL,
        CONSTRAINT [PK_WebhookDeliveries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookDeliveries_OutboxMessages_MessageId] FOREIGN KEY ([MessageId]) REFERENCES [OutboxMessages] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WebhookDeliveries_WebhookSubscriptions_SubscriptionId] FOREIGN KEY ([SubscriptionId]) REFERENCES [WebhookSubscriptions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    CREATE INDEX [IX_OutboxMessages_FannedOutAt_OccurredAt] ON [OutboxMessages] ([FannedOutAt], [OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_PartnerId_OccurredAt] ON [LedgerEntries] ([PartnerId], [OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    CREATE INDEX [IX_ImportRows_ImportId_Outcome_RowNumber] ON [ImportRows] ([ImportId], [Outcome], [RowNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    CREATE INDEX [IX_Imports_PartnerId_CreatedAt] ON [Imports] ([PartnerId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    CREATE INDEX [IX_Imports_Status_CreatedAt] ON [Imports] ([Status], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WebhookDeliveries_MessageId_SubscriptionId] ON [WebhookDeliveries] ([MessageId], [SubscriptionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_Status_DeliveredAt] ON [WebhookDeliveries] ([Status], [DeliveredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_Status_NextAttemptAt] ON [WebhookDeliveries] ([Status], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_SubscriptionId_MemberId_OccurredAt] ON [WebhookDeliveries] ([SubscriptionId], [MemberId], [OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    CREATE INDEX [IX_WebhookSubscriptions_PartnerId] ON [WebhookSubscriptions] ([PartnerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    UPDATE "OutboxMessages" SET "FannedOutAt" = "OccurredAt" WHERE "FannedOutAt" IS NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123182133_StructuralLayer'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123182133_StructuralLayer', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206115757_DayBonuses'
)
BEGIN
    ALTER TABLE [EarningRules] ADD [GrantOn] nvarchar(10) NOT NULL DEFAULT N'Purchase';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206115757_DayBonuses'
)
BEGIN
    CREATE TABLE [DayBonusGrants] (
        [Id] bigint NOT NULL IDENTITY,
        [RuleId] uniqueidentifier NOT NULL,
        [RuleVersion] int NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [Year] int NOT NULL,
        [Day] date NOT NULL,
        [LedgerEntryId] bigint NOT NULL,
        [GrantedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_DayBonusGrants] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DayBonusGrants_EarningRules_RuleId_RuleVersion] FOREIGN KEY ([RuleId], [RuleVersion]) REFERENCES [EarningRules] ([Id], [Version]) ON DELETE NO ACTION,
        CONSTRAINT [FK_DayBonusGrants_LedgerEntries_LedgerEntryId] FOREIGN KEY ([LedgerEntryId]) REFERENCES [LedgerEntries] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_DayBonusGrants_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206115757_DayBonuses'
)
BEGIN
    CREATE INDEX [IX_DayBonusGrants_LedgerEntryId] ON [DayBonusGrants] ([LedgerEntryId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206115757_DayBonuses'
)
BEGIN
    CREATE INDEX [IX_DayBonusGrants_MemberId] ON [DayBonusGrants] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206115757_DayBonuses'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DayBonusGrants_RuleId_MemberId_Year] ON [DayBonusGrants] ([RuleId], [MemberId], [Year]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206115757_DayBonuses'
)
BEGIN
    CREATE INDEX [IX_DayBonusGrants_RuleId_RuleVersion] ON [DayBonusGrants] ([RuleId], [RuleVersion]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206115757_DayBonuses'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206115757_DayBonuses', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    ALTER TABLE [Rewards] ADD [Category] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    ALTER TABLE [EarnBreakdownLines] ADD [OfferId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [AccountManagers] (
        [Id] uniqueidentifier NOT NULL,
        [Subject] nvarchar(200) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Email] nvarchar(320) NOT NULL,
        [Capacity] int NOT NULL,
        [Active] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_AccountManagers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [CategoryCoPurchases] (
        [FromCategory] nvarchar(100) NOT NULL,
        [ToCategory] nvarchar(100) NOT NULL,
        [Baskets] int NOT NULL,
        [Confidence] float NOT NULL,
        [Lift] float NOT NULL,
        [ComputedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_CategoryCoPurchases] PRIMARY KEY ([FromCategory], [ToCategory])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [CategoryPopularity] (
        [Category] nvarchar(100) NOT NULL,
        [Share] float NOT NULL,
        [ComputedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_CategoryPopularity] PRIMARY KEY ([Category])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [ConsentChanges] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] uniqueidentifier NOT NULL,
        [Purpose] nvarchar(20) NOT NULL,
        [Channel] nvarchar(20) NOT NULL,
        [Granted] bit NOT NULL,
        [ChangedAt] datetimeoffset NOT NULL,
        [Source] nvarchar(20) NOT NULL,
        [Actor] nvarchar(200) NULL,
        CONSTRAINT [PK_ConsentChanges] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ConsentChanges_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [Households] (
        [Id] uniqueidentifier NOT NULL,
        [HeadMemberId] uniqueidentifier NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Households] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Households_Members_HeadMemberId] FOREIGN KEY ([HeadMemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [InterestTopics] (
        [Id] uniqueidentifier NOT NULL,
        [Code] nvarchar(50) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Active] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_InterestTopics] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [KeyAccountFiles] (
        [MemberId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [Company] nvarchar(200) NULL,
        [Contacts] nvarchar(max) NOT NULL,
        [Needs] nvarchar(2000) NULL,
        [Equipment] nvarchar(2000) NULL,
        [ServiceLevel] nvarchar(500) NULL,
        [CreditTerms] nvarchar(500) NULL,
        [PaymentTerms] nvarchar(500) NULL,
        [NextReviewAt] datetimeoffset NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_KeyAccountFiles] PRIMARY KEY ([MemberId]),
        CONSTRAINT [FK_KeyAccountFiles_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [MemberConsents] (
        [MemberId] uniqueidentifier NOT NULL,
        [Purpose] nvarchar(20) NOT NULL,
        [Channel] nvarchar(20) NOT NULL,
        [Granted] bit NOT NULL,
        [ChangedAt] datetimeoffset NOT NULL,
        [Source] nvarchar(20) NOT NULL,
        CONSTRAINT [PK_MemberConsents] PRIMARY KEY ([MemberId], [Purpose], [Channel]),
        CONSTRAINT [FK_MemberConsents_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [MemberRecommendations] (
        [MemberId] uniqueidentifier NOT NULL,
        [Rank] int NOT NULL,
        [CandidateKind] nvarchar(20) NOT NULL,
        [CandidateId] uniqueidentifier NOT NULL,
        [CandidateName] nvarchar(200) NOT NULL,
        [Category] nvarchar(100) NULL,
        [Score] float NOT NULL,
        [ReasonKind] nvarchar(20) NOT NULL,
        [Reason] nvarchar(400) NOT NULL,
        [BasedOnCategory] nvarchar(100) NULL,
        [BasedOnPurchases] int NULL,
        [LastPurchasedAt] datetimeoffset NULL,
        [IntervalDays] float NULL,
        [ComputedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_MemberRecommendations] PRIMARY KEY ([MemberId], [Rank])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [PartnerMemberAttributes] (
        [PartnerId] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [Key] nvarchar(64) NOT NULL,
        [Value] nvarchar(1000) NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_PartnerMemberAttributes] PRIMARY KEY ([PartnerId], [MemberId], [Key]),
        CONSTRAINT [FK_PartnerMemberAttributes_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PartnerMemberAttributes_Partners_PartnerId] FOREIGN KEY ([PartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [PriorityServiceMembers] (
        [MemberId] uniqueidentifier NOT NULL,
        [Reason] nvarchar(500) NULL,
        [SetAt] datetimeoffset NOT NULL,
        [SetBy] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_PriorityServiceMembers] PRIMARY KEY ([MemberId]),
        CONSTRAINT [FK_PriorityServiceMembers_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [PriorityServiceTiers] (
        [TierId] uniqueidentifier NOT NULL,
        [SetAt] datetimeoffset NOT NULL,
        [SetBy] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_PriorityServiceTiers] PRIMARY KEY ([TierId]),
        CONSTRAINT [FK_PriorityServiceTiers_Tiers_TierId] FOREIGN KEY ([TierId]) REFERENCES [Tiers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [ProfileAttributeDefinitions] (
        [Id] uniqueidentifier NOT NULL,
        [Code] nvarchar(50) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Type] nvarchar(20) NOT NULL,
        [Choices] nvarchar(2000) NOT NULL,
        [MemberEditable] bit NOT NULL,
        [Active] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ProfileAttributeDefinitions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [PurchaseLines] (
        [Id] bigint NOT NULL IDENTITY,
        [PurchaseId] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [Sequence] int NOT NULL,
        [Sku] nvarchar(100) NULL,
        [Category] nvarchar(100) NULL,
        [Quantity] decimal(18,4) NOT NULL,
        [Amount] decimal(18,4) NOT NULL,
        [PurchasedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_PurchaseLines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PurchaseLines_Purchases_PurchaseId] FOREIGN KEY ([PurchaseId]) REFERENCES [Purchases] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [Segments] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Description] nvarchar(2000) NULL,
        [Definition] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [LastRefreshedAt] datetimeoffset NULL,
        [MemberCount] int NOT NULL,
        [ArchivedAt] datetimeoffset NULL,
        CONSTRAINT [PK_Segments] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [AssignmentChanges] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [FromManagerId] uniqueidentifier NULL,
        [ToManagerId] uniqueidentifier NULL,
        [ChangedAt] datetimeoffset NOT NULL,
        [ChangedBy] nvarchar(200) NOT NULL,
        [Reason] nvarchar(500) NOT NULL,
        CONSTRAINT [PK_AssignmentChanges] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AssignmentChanges_AccountManagers_FromManagerId] FOREIGN KEY ([FromManagerId]) REFERENCES [AccountManagers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_AssignmentChanges_AccountManagers_ToManagerId] FOREIGN KEY ([ToManagerId]) REFERENCES [AccountManagers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_AssignmentChanges_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [PortfolioAssignments] (
        [MemberId] uniqueidentifier NOT NULL,
        [ManagerId] uniqueidentifier NOT NULL,
        [AssignedAt] datetimeoffset NOT NULL,
        [AssignedBy] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_PortfolioAssignments] PRIMARY KEY ([MemberId]),
        CONSTRAINT [FK_PortfolioAssignments_AccountManagers_ManagerId] FOREIGN KEY ([ManagerId]) REFERENCES [AccountManagers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PortfolioAssignments_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [MemberProfiles] (
        [MemberId] uniqueidentifier NOT NULL,
        [PreferredStoreId] uniqueidentifier NULL,
        [PreferredChannel] nvarchar(20) NULL,
        [Language] nvarchar(35) NULL,
        [IncomeBand] nvarchar(20) NULL,
        [HouseholdId] uniqueidentifier NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_MemberProfiles] PRIMARY KEY ([MemberId]),
        CONSTRAINT [FK_MemberProfiles_Households_HouseholdId] FOREIGN KEY ([HouseholdId]) REFERENCES [Households] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_MemberProfiles_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_MemberProfiles_Stores_PreferredStoreId] FOREIGN KEY ([PreferredStoreId]) REFERENCES [Stores] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [MemberInterests] (
        [MemberId] uniqueidentifier NOT NULL,
        [TopicId] uniqueidentifier NOT NULL,
        [AddedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_MemberInterests] PRIMARY KEY ([MemberId], [TopicId]),
        CONSTRAINT [FK_MemberInterests_InterestTopics_TopicId] FOREIGN KEY ([TopicId]) REFERENCES [InterestTopics] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_MemberInterests_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [KeyAccountInteractions] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [OccurredAt] datetimeoffset NOT NULL,
        [Summary] nvarchar(2000) NOT NULL,
        [Outcome] nvarchar(2000) NULL,
        [NextStep] nvarchar(2000) NULL,
        [NextStepDueAt] datetimeoffset NULL,
        [NextStepDoneAt] datetimeoffset NULL,
        [RecordedBy] nvarchar(200) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_KeyAccountInteractions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_KeyAccountInteractions_KeyAccountFiles_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [KeyAccountFiles] ([MemberId]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [MemberAttributeValues] (
        [MemberId] uniqueidentifier NOT NULL,
        [DefinitionId] uniqueidentifier NOT NULL,
        [Value] nvarchar(500) NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_MemberAttributeValues] PRIMARY KEY ([MemberId], [DefinitionId]),
        CONSTRAINT [FK_MemberAttributeValues_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_MemberAttributeValues_ProfileAttributeDefinitions_DefinitionId] FOREIGN KEY ([DefinitionId]) REFERENCES [ProfileAttributeDefinitions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [PersonalOffers] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Description] nvarchar(2000) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [StartsAt] datetimeoffset NOT NULL,
        [EndsAt] datetimeoffset NOT NULL,
        [PerMemberLimit] int NOT NULL,
        [RequiresActivation] bit NOT NULL,
        [ControlShare] decimal(5,4) NOT NULL,
        [BenefitKind] nvarchar(20) NOT NULL,
        [BonusPoints] bigint NULL,
        [Factor] decimal(9,4) NULL,
        [Category] nvarchar(100) NULL,
        [Sku] nvarchar(100) NULL,
        [RewardId] uniqueidentifier NULL,
        [SegmentId] uniqueidentifier NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [PublishedAt] datetimeoffset NULL,
        [WithdrawnAt] datetimeoffset NULL,
        [TreatmentCount] int NOT NULL,
        [ControlCount] int NOT NULL,
        CONSTRAINT [PK_PersonalOffers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PersonalOffers_Rewards_RewardId] FOREIGN KEY ([RewardId]) REFERENCES [Rewards] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PersonalOffers_Segments_SegmentId] FOREIGN KEY ([SegmentId]) REFERENCES [Segments] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [SegmentMembers] (
        [SegmentId] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [EnteredAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_SegmentMembers] PRIMARY KEY ([SegmentId], [MemberId]),
        CONSTRAINT [FK_SegmentMembers_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SegmentMembers_Segments_SegmentId] FOREIGN KEY ([SegmentId]) REFERENCES [Segments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [SegmentMembershipChanges] (
        [Id] bigint NOT NULL IDENTITY,
        [SegmentId] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [Change] nvarchar(10) NOT NULL,
        [At] datetimeoffset NOT NULL,
        CONSTRAINT [PK_SegmentMembershipChanges] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SegmentMembershipChanges_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SegmentMembershipChanges_Segments_SegmentId] FOREIGN KEY ([SegmentId]) REFERENCES [Segments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [OfferAssignments] (
        [OfferId] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [Group] nvarchar(20) NOT NULL,
        [AssignedAt] datetimeoffset NOT NULL,
        [ActivatedAt] datetimeoffset NULL,
        [Uses] int NOT NULL,
        [LastUsedAt] datetimeoffset NULL,
        CONSTRAINT [PK_OfferAssignments] PRIMARY KEY ([OfferId], [MemberId]),
        CONSTRAINT [FK_OfferAssignments_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_OfferAssignments_PersonalOffers_OfferId] FOREIGN KEY ([OfferId]) REFERENCES [PersonalOffers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE TABLE [OfferTargets] (
        [OfferId] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_OfferTargets] PRIMARY KEY ([OfferId], [MemberId]),
        CONSTRAINT [FK_OfferTargets_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_OfferTargets_PersonalOffers_OfferId] FOREIGN KEY ([OfferId]) REFERENCES [PersonalOffers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_Members_Phone] ON [Members] ([Phone]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_EarnBreakdownLines_OfferId] ON [EarnBreakdownLines] ([OfferId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AccountManagers_Subject] ON [AccountManagers] ([Subject]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_AssignmentChanges_FromManagerId] ON [AssignmentChanges] ([FromManagerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_AssignmentChanges_MemberId_ChangedAt] ON [AssignmentChanges] ([MemberId], [ChangedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_AssignmentChanges_ToManagerId] ON [AssignmentChanges] ([ToManagerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_ConsentChanges_MemberId_Id] ON [ConsentChanges] ([MemberId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Households_HeadMemberId] ON [Households] ([HeadMemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE UNIQUE INDEX [IX_InterestTopics_Code] ON [InterestTopics] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_KeyAccountFiles_NextReviewAt] ON [KeyAccountFiles] ([NextReviewAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_KeyAccountInteractions_MemberId_OccurredAt_Id] ON [KeyAccountInteractions] ([MemberId], [OccurredAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_KeyAccountInteractions_NextStepDueAt_NextStepDoneAt] ON [KeyAccountInteractions] ([NextStepDueAt], [NextStepDoneAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_MemberAttributeValues_DefinitionId] ON [MemberAttributeValues] ([DefinitionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_MemberConsents_Purpose_Channel_Granted_MemberId] ON [MemberConsents] ([Purpose], [Channel], [Granted], [MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_MemberInterests_TopicId] ON [MemberInterests] ([TopicId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_MemberProfiles_HouseholdId] ON [MemberProfiles] ([HouseholdId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_MemberProfiles_PreferredStoreId] ON [MemberProfiles] ([PreferredStoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_OfferAssignments_MemberId_Group] ON [OfferAssignments] ([MemberId], [Group]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_OfferTargets_MemberId] ON [OfferTargets] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_PartnerMemberAttributes_MemberId] ON [PartnerMemberAttributes] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_PersonalOffers_CreatedAt] ON [PersonalOffers] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_PersonalOffers_RewardId] ON [PersonalOffers] ([RewardId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_PersonalOffers_SegmentId] ON [PersonalOffers] ([SegmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_PersonalOffers_Status_EndsAt] ON [PersonalOffers] ([Status], [EndsAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_PortfolioAssignments_ManagerId_MemberId] ON [PortfolioAssignments] ([ManagerId], [MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ProfileAttributeDefinitions_Code] ON [ProfileAttributeDefinitions] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_PurchaseLines_MemberId_PurchasedAt] ON [PurchaseLines] ([MemberId], [PurchasedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_PurchaseLines_PurchaseId] ON [PurchaseLines] ([PurchaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_SegmentMembers_MemberId] ON [SegmentMembers] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_SegmentMembershipChanges_MemberId_Id] ON [SegmentMembershipChanges] ([MemberId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_SegmentMembershipChanges_SegmentId_Id] ON [SegmentMembershipChanges] ([SegmentId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    CREATE INDEX [IX_Segments_Name] ON [Segments] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    ALTER TABLE [EarnBreakdownLines] ADD CONSTRAINT [FK_EarnBreakdownLines_PersonalOffers_OfferId] FOREIGN KEY ([OfferId]) REFERENCES [PersonalOffers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206151629_CustomisedLayer'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206151629_CustomisedLayer', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    ALTER TABLE [Members] ADD [PhoneNormalised] nvarchar(16) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE TABLE [ContentInterests] (
        [ContentKind] nvarchar(20) NOT NULL,
        [ContentId] uniqueidentifier NOT NULL,
        [TopicId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_ContentInterests] PRIMARY KEY ([ContentKind], [ContentId], [TopicId]),
        CONSTRAINT [FK_ContentInterests_InterestTopics_TopicId] FOREIGN KEY ([TopicId]) REFERENCES [InterestTopics] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE TABLE [InsightRuns] (
        [Id] uniqueidentifier NOT NULL,
        [Number] bigint NOT NULL,
        [AsOf] datetimeoffset NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [RetentionCohort] bigint NOT NULL,
        [RetentionRetained] bigint NOT NULL,
        [Retention] float NOT NULL,
        [ValueMultiple] float NOT NULL,
        [Members] int NOT NULL,
        [CompletedAt] datetimeoffset NOT NULL,
        [TriggeredBy] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_InsightRuns] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE TABLE [LeavingReasons] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [Reason] nvarchar(30) NOT NULL,
        [Text] nvarchar(1000) NULL,
        [Source] nvarchar(10) NOT NULL,
        [TierId] uniqueidentifier NOT NULL,
        [At] datetimeoffset NOT NULL,
        CONSTRAINT [PK_LeavingReasons] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LeavingReasons_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE TABLE [MemberNotifications] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] uniqueidentifier NOT NULL,
        [At] datetimeoffset NOT NULL,
        [Channel] nvarchar(20) NOT NULL,
        [Reason] nvarchar(300) NOT NULL,
        [ContentKind] nvarchar(20) NOT NULL,
        [ContentId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_MemberNotifications] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MemberNotifications_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE TABLE [NotificationSettings] (
        [Id] int NOT NULL,
        [MaxPerWindow] int NOT NULL,
        [WindowDays] int NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_NotificationSettings] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE TABLE [RetentionActions] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [Note] nvarchar(1000) NOT NULL,
        [Points] bigint NULL,
        [LedgerEntryId] bigint NULL,
        [OfferId] uniqueidentifier NULL,
        [TierId] uniqueidentifier NOT NULL,
        [ChurnScore] int NULL,
        [ValueDecile] int NULL,
        [FollowUpDays] int NOT NULL,
        [TakenAt] datetimeoffset NOT NULL,
        [TakenBy] nvarchar(200) NOT NULL,
        [Outcome] nvarchar(20) NOT NULL,
        [ReturnedAt] datetimeoffset NULL,
        [EvaluatedAt] datetimeoffset NULL,
        CONSTRAINT [PK_RetentionActions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE TABLE [ServiceCases] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [TierId] uniqueidentifier NOT NULL,
        [Category] nvarchar(20) NOT NULL,
        [Channel] nvarchar(20) NOT NULL,
        [Severity] nvarchar(20) NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [Description] nvarchar(4000) NOT NULL,
        [PurchaseId] uniqueidentifier NULL,
        [StoreId] uniqueidentifier NULL,
        [PartnerId] uniqueidentifier NULL,
        [Owner] nvarchar(200) NOT NULL,
        [OpenedBy] nvarchar(200) NOT NULL,
        [OpenedAt] datetimeoffset NOT NULL,
        [Priority] bit NOT NULL,
        [ResponseHours] int NOT NULL,
        [ServiceLevelDueAt] datetimeoffset NOT NULL,
        [FirstResponseAt] datetimeoffset NULL,
        [StepNumber] int NOT NULL,
        [NextStep] nvarchar(4000) NOT NULL,
        [NextStepDueAt] datetimeoffset NOT NULL,
        [EscalatedAt] datetimeoffset NULL,
        [EscalatedTo] nvarchar(200) NULL,
        [Status] nvarchar(20) NOT NULL,
        [ResolvedAt] datetimeoffset NULL,
        [Outcome] nvarchar(20) NULL,
        [Resolution] nvarchar(4000) NULL,
        [GoodwillPoints] bigint NOT NULL,
        [GoodwillLedgerEntryId] bigint NULL,
        CONSTRAINT [PK_ServiceCases] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ServiceCases_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ServiceCases_Tiers_TierId] FOREIGN KEY ([TierId]) REFERENCES [Tiers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE TABLE [Surveys] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [Sequence] bigint NOT NULL,
        [Touchpoint] nvarchar(20) NOT NULL,
        [TouchpointId] uniqueidentifier NOT NULL,
        [StoreId] uniqueidentifier NULL,
        [PartnerId] uniqueidentifier NULL,
        [TierId] uniqueidentifier NOT NULL,
        [RequestedAt] datetimeoffset NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        [AnsweredAt] datetimeoffset NULL,
        [Csat] int NULL,
        [Nps] int NULL,
        [Comment] nvarchar(2000) NULL,
        CONSTRAINT [PK_Surveys] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Surveys_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE TABLE [SurveyTriggers] (
        [Touchpoint] nvarchar(20) NOT NULL,
        [TouchpointId] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [DecidedAt] datetimeoffset NOT NULL,
        [SurveyId] uniqueidentifier NULL,
        CONSTRAINT [PK_SurveyTriggers] PRIMARY KEY ([Touchpoint], [TouchpointId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE TABLE [MemberInsights] (
        [RunId] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [TierId] uniqueidentifier NOT NULL,
        [TenureDays] int NOT NULL,
        [Visits] int NOT NULL,
        [VisitsYear] int NOT NULL,
        [VisitsQuarter] int NOT NULL,
        [VisitsPreviousQuarter] int NOT NULL,
        [NetSpendYear] bigint NOT NULL,
        [NetSpendQuarter] bigint NOT NULL,
        [LastVisitAt] datetimeoffset NULL,
        [DaysSinceLastVisit] int NULL,
        [IntervalDays] float NULL,
        [IntervalVariation] float NULL,
        [Recency] int NOT NULL,
        [Frequency] int NOT NULL,
        [Monetary] int NOT NULL,
        [LifetimeValue] bigint NOT NULL,
        [ValueRank] int NOT NULL,
        [ValueDecile] int NOT NULL,
        [Class] nvarchar(20) NOT NULL,
        [ChurnScore] int NOT NULL,
        CONSTRAINT [PK_MemberInsights] PRIMARY KEY ([RunId], [MemberId]),
        CONSTRAINT [FK_MemberInsights_InsightRuns_RunId] FOREIGN KEY ([RunId]) REFERENCES [InsightRuns] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE TABLE [CaseSteps] (
        [Id] uniqueidentifier NOT NULL,
        [CaseId] uniqueidentifier NOT NULL,
        [Number] int NOT NULL,
        [Text] nvarchar(4000) NOT NULL,
        [DueAt] datetimeoffset NOT NULL,
        [SetAt] datetimeoffset NOT NULL,
        [SetBy] nvarchar(200) NOT NULL,
        [PromptedAt] datetimeoffset NULL,
        [CompletedAt] datetimeoffset NULL,
        [CompletedBy] nvarchar(200) NULL,
        [Note] nvarchar(4000) NULL,
        CONSTRAINT [PK_CaseSteps] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CaseSteps_ServiceCases_CaseId] FOREIGN KEY ([CaseId]) REFERENCES [ServiceCases] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE TABLE [SurveyDimensionAnswers] (
        [SurveyId] uniqueidentifier NOT NULL,
        [Dimension] nvarchar(50) NOT NULL,
        [Expected] int NOT NULL,
        [Perceived] int NOT NULL,
        CONSTRAINT [PK_SurveyDimensionAnswers] PRIMARY KEY ([SurveyId], [Dimension]),
        CONSTRAINT [FK_SurveyDimensionAnswers_Surveys_SurveyId] FOREIGN KEY ([SurveyId]) REFERENCES [Surveys] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_Members_PhoneNormalised] ON [Members] ([PhoneNormalised]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CaseSteps_CaseId_Number] ON [CaseSteps] ([CaseId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_CaseSteps_PromptedAt_CompletedAt_DueAt] ON [CaseSteps] ([PromptedAt], [CompletedAt], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_ContentInterests_TopicId] ON [ContentInterests] ([TopicId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE UNIQUE INDEX [IX_InsightRuns_Number] ON [InsightRuns] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_LeavingReasons_At] ON [LeavingReasons] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_LeavingReasons_MemberId] ON [LeavingReasons] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_MemberInsights_MemberId] ON [MemberInsights] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_MemberInsights_RunId_ChurnScore] ON [MemberInsights] ([RunId], [ChurnScore]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MemberNotifications_ContentKind_ContentId_MemberId] ON [MemberNotifications] ([ContentKind], [ContentId], [MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_MemberNotifications_MemberId_At] ON [MemberNotifications] ([MemberId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_RetentionActions_MemberId_TakenAt] ON [RetentionActions] ([MemberId], [TakenAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_RetentionActions_Outcome] ON [RetentionActions] ([Outcome]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_ServiceCases_MemberId_OpenedAt] ON [ServiceCases] ([MemberId], [OpenedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_ServiceCases_OpenedAt] ON [ServiceCases] ([OpenedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_ServiceCases_Owner_Status_NextStepDueAt] ON [ServiceCases] ([Owner], [Status], [NextStepDueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_ServiceCases_Status_EscalatedAt_ServiceLevelDueAt] ON [ServiceCases] ([Status], [EscalatedAt], [ServiceLevelDueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_ServiceCases_Status_NextStepDueAt_Id] ON [ServiceCases] ([Status], [NextStepDueAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_ServiceCases_TierId] ON [ServiceCases] ([TierId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_Surveys_AnsweredAt] ON [Surveys] ([AnsweredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Surveys_MemberId_Sequence] ON [Surveys] ([MemberId], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_Surveys_RequestedAt] ON [Surveys] ([RequestedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    CREATE INDEX [IX_SurveyTriggers_MemberId] ON [SurveyTriggers] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206181123_InsightCareAndNotifications'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206181123_InsightCareAndNotifications', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210255_ProgrammeHealthAndScaleOut'
)
BEGIN
    ALTER TABLE [MemberInsights] ADD [Nps] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210255_ProgrammeHealthAndScaleOut'
)
BEGIN
    CREATE TABLE [CacheGenerations] (
        [Area] nvarchar(40) NOT NULL,
        [Stamp] bigint NOT NULL,
        CONSTRAINT [PK_CacheGenerations] PRIMARY KEY ([Area])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210255_ProgrammeHealthAndScaleOut'
)
BEGIN
    CREATE TABLE [ProgrammeHealthAcquisitions] (
        [Month] nchar(7) NOT NULL,
        [Source] nvarchar(20) NOT NULL,
        [Key] nvarchar(40) NOT NULL,
        [Members] bigint NOT NULL,
        CONSTRAINT [PK_ProgrammeHealthAcquisitions] PRIMARY KEY ([Month], [Source], [Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210255_ProgrammeHealthAndScaleOut'
)
BEGIN
    CREATE TABLE [ProgrammeHealthMonths] (
        [Month] nchar(7) NOT NULL,
        [ActiveMembers] bigint NOT NULL,
        [PreviousActiveMembers] bigint NOT NULL,
        [RetainedMembers] bigint NOT NULL,
        [RepeatBuyers] bigint NOT NULL,
        [Visits] bigint NOT NULL,
        [NewMembers] bigint NOT NULL,
        [NewReferred] bigint NOT NULL,
        [PointsIssued] bigint NOT NULL,
        [PointsRedeemed] bigint NOT NULL,
        [PointsExpired] bigint NOT NULL,
        [NpsAnswers] bigint NOT NULL,
        [Promoters] bigint NOT NULL,
        [Detractors] bigint NOT NULL,
        [ComputedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ProgrammeHealthMonths] PRIMARY KEY ([Month])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210255_ProgrammeHealthAndScaleOut'
)
BEGIN
    CREATE TABLE [ServiceInstances] (
        [Id] uniqueidentifier NOT NULL,
        [Host] nvarchar(200) NOT NULL,
        [StartedAt] datetimeoffset NOT NULL,
        [SeenAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ServiceInstances] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210255_ProgrammeHealthAndScaleOut'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Area', N'Stamp') AND [object_id] = OBJECT_ID(N'[CacheGenerations]'))
        SET IDENTITY_INSERT [CacheGenerations] ON;
    EXEC(N'INSERT INTO [CacheGenerations] ([Area], [Stamp])
    VALUES (N''Credentials'', CAST(0 AS bigint)),
    (N''EarningRules'', CAST(0 AS bigint)),
    (N''PointsPolicy'', CAST(0 AS bigint)),
    (N''ReferralProgramme'', CAST(0 AS bigint)),
    (N''TierScheme'', CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Area', N'Stamp') AND [object_id] = OBJECT_ID(N'[CacheGenerations]'))
        SET IDENTITY_INSERT [CacheGenerations] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210255_ProgrammeHealthAndScaleOut'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_PointsLots_MemberExpiry] ON [PointsLots] ([MemberId], [IsPending], [ExpiresAt]) WHERE [Remaining] > 0');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210255_ProgrammeHealthAndScaleOut'
)
BEGIN
    CREATE INDEX [IX_ServiceInstances_SeenAt] ON [ServiceInstances] ([SeenAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206210255_ProgrammeHealthAndScaleOut'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206210255_ProgrammeHealthAndScaleOut', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207001453_CampaignValuesAndNotificationNumbers'
)
BEGIN
    ALTER TABLE [MemberNotifications] ADD [Sequence] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207001453_CampaignValuesAndNotificationNumbers'
)
BEGIN
    CREATE TABLE [CampaignRunValues] (
        [RunId] uniqueidentifier NOT NULL,
        [CampaignId] uniqueidentifier NOT NULL,
        [Acquired] bigint NOT NULL,
        [AcquiredScored] bigint NOT NULL,
        [AcquiredValue] bigint NOT NULL,
        [AcquiredTop] bigint NOT NULL,
        [Reached] bigint NOT NULL,
        [ReachedScored] bigint NOT NULL,
        [ReachedValue] bigint NOT NULL,
        [ReachedTop] bigint NOT NULL,
        CONSTRAINT [PK_CampaignRunValues] PRIMARY KEY ([RunId], [CampaignId]),
        CONSTRAINT [FK_CampaignRunValues_InsightRuns_RunId] FOREIGN KEY ([RunId]) REFERENCES [InsightRuns] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207001453_CampaignValuesAndNotificationNumbers'
)
BEGIN
    UPDATE "MemberNotifications" SET "Sequence" = (
        SELECT COUNT(*) FROM "MemberNotifications" earlier
        WHERE earlier."MemberId" = "MemberNotifications"."MemberId" AND earlier."Id" <= "MemberNotifications"."Id")
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207001453_CampaignValuesAndNotificationNumbers'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MemberNotifications_MemberId_Sequence] ON [MemberNotifications] ([MemberId], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207001453_CampaignValuesAndNotificationNumbers'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207001453_CampaignValuesAndNotificationNumbers', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207015516_InsightValueCells'
)
BEGIN
    DROP INDEX [IX_MemberInsights_RunId_ChurnScore] ON [MemberInsights];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207015516_InsightValueCells'
)
BEGIN
    CREATE TABLE [RunValueCells] (
        [RunId] uniqueidentifier NOT NULL,
        [ValueDecile] int NOT NULL,
        [Recency] int NOT NULL,
        [Frequency] int NOT NULL,
        [Monetary] int NOT NULL,
        [Members] bigint NOT NULL,
        [TotalValue] bigint NOT NULL,
        [MinValue] bigint NOT NULL,
        [MaxValue] bigint NOT NULL,
        CONSTRAINT [PK_RunValueCells] PRIMARY KEY ([RunId], [ValueDecile], [Recency], [Frequency], [Monetary]),
        CONSTRAINT [FK_RunValueCells_InsightRuns_RunId] FOREIGN KEY ([RunId]) REFERENCES [InsightRuns] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207015516_InsightValueCells'
)
BEGIN
    INSERT INTO "RunValueCells" ("RunId", "ValueDecile", "Recency", "Frequency", "Monetary", "Members", "TotalValue", "MinValue", "MaxValue")
    SELECT "RunId", "ValueDecile", "Recency", "Frequency", "Monetary", COUNT(*), SUM("LifetimeValue"), MIN("LifetimeValue"), MAX("LifetimeValue")
    FROM "MemberInsights"
    GROUP BY "RunId", "ValueDecile", "Recency", "Frequency", "Monetary"
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207015516_InsightValueCells'
)
BEGIN
    CREATE INDEX [IX_MemberInsights_AtRisk] ON [MemberInsights] ([RunId], [ChurnScore] DESC, [ValueRank], [MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207015516_InsightValueCells'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207015516_InsightValueCells', N'10.0.14');
END;

COMMIT;
GO
