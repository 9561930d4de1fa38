export * from './accounts';
export * from './audit';
export * from './contact';
export * from './mail';
export * from './notices';
export * from './site';
export * from './ops';
