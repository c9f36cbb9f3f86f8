// 医保目录 (Alt+7): keeping the national catalogs and dictionaries current from the network, and
// reviewing what changed for the HIS items already matched; the identity codes chosen from the
// downloaded dictionary.
import { useState } from 'react';
import type { ScreenProps } from '../registry';
import { SyncPanel } from './SyncPanel';
import { ChangesPanel } from './ChangesPanel';
import { IdentityMapPanel } from './IdentityMapPanel';

export function CatalogScreen(_props: ScreenProps) {
  const [version, setVersion] = useState(0);
  return (
    <div>
      <SyncPanel onSynced={() => setVersion((v) => v + 1)} />
      <ChangesPanel version={version} />
      <IdentityMapPanel version={version} />
    </div>
  );
}
