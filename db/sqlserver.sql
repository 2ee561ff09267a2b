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
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
)
BEGIN
    ALTER TABLE [PointsAccounts] ADD [Held] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
)
BEGIN
    ALTER TABLE [LedgerEntries] ADD [PendingPoints] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
)
BEGIN
    ALTER TABLE [LedgerEntries] ADD [ReferenceId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
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
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
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
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
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
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
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
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_OccurredAt_Type] ON [LedgerEntries] ([OccurredAt], [Type]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_PurchaseId] ON [LedgerEntries] ([PurchaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_RedemptionId] ON [LedgerEntries] ([RedemptionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
)
BEGIN
    CREATE INDEX [IX_LotDebits_LotId] ON [LotDebits] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
)
BEGIN
    CREATE INDEX [IX_LotDebits_ReferenceId] ON [LotDebits] ([ReferenceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
)
BEGIN
    CREATE INDEX [IX_OutboxMessages_MemberId_OccurredAt] ON [OutboxMessages] ([MemberId], [OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
)
BEGIN
    CREATE INDEX [IX_OutboxMessages_OccurredAt] ON [OutboxMessages] ([OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_PointsLots_Expiring] ON [PointsLots] ([ExpiresAt]) WHERE [Remaining] > 0');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_PointsLots_PendingUntil] ON [PointsLots] ([PendingUntil]) WHERE [IsPending] = 1');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
)
BEGIN
    CREATE INDEX [IX_PointsLots_PurchaseId] ON [PointsLots] ([PurchaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_PointsLots_Spendable] ON [PointsLots] ([MemberId], [IsPending], [Id]) WHERE [Remaining] > 0');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123125507_PointsLotsPolicyOutbox'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123125507_PointsLotsPolicyOutbox', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123131255_ExpiryJobsWip'
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
    WHERE [MigrationId] = N'20261123131255_ExpiryJobsWip'
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
    WHERE [MigrationId] = N'20261123131255_ExpiryJobsWip'
)
BEGIN
    CREATE UNIQUE INDEX [IX_BulkGrantItems_GrantId_MemberNumber] ON [BulkGrantItems] ([GrantId], [MemberNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123131255_ExpiryJobsWip'
)
BEGIN
    CREATE INDEX [IX_BulkGrantItems_MemberId] ON [BulkGrantItems] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123131255_ExpiryJobsWip'
)
BEGIN
    CREATE INDEX [IX_BulkGrantItems_Status_GrantId] ON [BulkGrantItems] ([Status], [GrantId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123131255_ExpiryJobsWip'
)
BEGIN
    CREATE INDEX [IX_BulkGrants_CreatedAt] ON [BulkGrants] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123131255_ExpiryJobsWip'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123131255_ExpiryJobsWip', N'10.0.14');
END;

COMMIT;
GO
