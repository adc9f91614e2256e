import { Navigate, createHashRouter } from 'react-router';
import { AppShell } from './AppShell';
import { CasesScreen } from '../screens/CasesScreen';
import { CaseScreen } from '../screens/CaseScreen';
import { ArtefactsScreen } from '../screens/ArtefactsScreen';
import { TimelineScreen } from '../screens/TimelineScreen';
import { AttributionScreen } from '../screens/AttributionScreen';
import { CustodyScreen } from '../screens/CustodyScreen';
import { ExportScreen } from '../screens/ExportScreen';
import { OpenPackageScreen } from '../screens/OpenPackageScreen';

/** Hash routing: the app is served from `sealcase://app/index.html` and needs no server routes. */
export const router = createHashRouter([
  {
    path: '/',
    element: <AppShell />,
    children: [
      { index: true, element: <Navigate to="/cases" replace /> },
      { path: 'cases', element: <CasesScreen /> },
      {
        path: 'cases/:caseId',
        element: <CaseScreen />,
        children: [
          { index: true, element: <Navigate to="artefacts" replace /> },
          { path: 'artefacts', element: <ArtefactsScreen /> },
          { path: 'timeline', element: <TimelineScreen /> },
          { path: 'attribution', element: <AttributionScreen /> },
          { path: 'custody', element: <CustodyScreen /> },
          { path: 'export', element: <ExportScreen /> },
        ],
      },
      { path: 'package', element: <OpenPackageScreen /> },
      { path: '*', element: <Navigate to="/cases" replace /> },
    ],
  },
]);
