/** Signatures: this app's own signing identities, and the certificates it trusts. */
import Box from '@mui/material/Box';
import { useCall } from '../../api/hooks.ts';
import { IdentitiesPanel } from './IdentitiesPanel.tsx';
import { TrustPanel } from './TrustPanel.tsx';

export default function SignaturesScreen() {
  const identities = useCall('identities.list', {});
  const trusted = useCall('trust.list', {});
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', xl: 'repeat(2, minmax(0, 1fr))' }, alignItems: 'start' }}>
      <IdentitiesPanel
        identities={identities}
        onChanged={() => {
          identities.reload();
          trusted.reload(); // the backend trusts its own identities
        }}
      />
      <TrustPanel trusted={trusted} />
    </Box>
  );
}
